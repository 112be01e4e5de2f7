using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeGateway.Core.Operators;

/// <summary>
/// The console's local accounts in <c>operators.json</c> in the gateway's data directory (mode 600). The CLI writes
/// it (whole-file replace through a temp file and rename); the gateway only reads it, again whenever it changed, so
/// an account added, changed or removed takes effect without a restart. There is no default account.
/// </summary>
public sealed partial class OperatorStore
{
    public const string FileName = "operators.json";

    private readonly string _path;
    private readonly object _gate = new();
    private IReadOnlyList<OperatorAccount> _cached = [];
    private DateTime _cachedStamp = DateTime.MinValue;

    public OperatorStore(string dataDirectory)
    {
        _path = System.IO.Path.Combine(dataDirectory, FileName);
    }

    public string Path => _path;

    public IReadOnlyList<OperatorAccount> List()
    {
        lock (_gate)
        {
            var stamp = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : DateTime.MinValue;
            if (stamp != _cachedStamp)
            {
                _cached = stamp == DateTime.MinValue ? [] : JsonSerializer.Deserialize(File.ReadAllBytes(_path), OperatorFileJsonContext.Default.ListOperatorAccount) ?? [];
                _cachedStamp = stamp;
            }
            return _cached;
        }
    }

    public OperatorAccount? Find(string name) => List().FirstOrDefault(o => o.Name == name);

    /// <summary>The operator whose API token this is, or null.</summary>
    public OperatorAccount? FindByToken(string token)
    {
        var hash = OperatorPasswords.TokenHash(token);
        return List().FirstOrDefault(o => o.TokenHash is not null &&
            CryptographicOperations.FixedTimeEquals(Convert.FromHexString(o.TokenHash), Convert.FromHexString(hash)));
    }

    public OperatorAccount Add(string name, OperatorRole role, string password, int iterations = OperatorPasswords.Iterations)
    {
        if (!NamePattern().IsMatch(name)) throw new OperatorException($"'{name}' is not a valid operator name (1-32 of a-z 0-9 . _ -, starting with a letter)");
        CheckPassword(password);
        var all = List().ToList();
        if (all.Any(o => o.Name == name)) throw new OperatorException($"operator '{name}' already exists");
        var (salt, hash) = OperatorPasswords.Hash(password, iterations);
        var account = new OperatorAccount(name, role, salt, hash, iterations, NewStamp(), null, DateTimeOffset.UtcNow);
        all.Add(account);
        Save(all);
        return account;
    }

    public void SetPassword(string name, string password, int iterations = OperatorPasswords.Iterations)
    {
        CheckPassword(password);
        var (salt, hash) = OperatorPasswords.Hash(password, iterations);
        Replace(name, a => a with { Salt = salt, Hash = hash, Iterations = iterations, Stamp = NewStamp() });
    }

    public void SetRole(string name, OperatorRole role) => Replace(name, a => a with { Role = role, Stamp = NewStamp() });

    /// <summary>Issues a new API token (the old one stops working) and returns it; only its hash is kept.</summary>
    public string IssueToken(string name)
    {
        var token = OperatorPasswords.NewToken();
        Replace(name, a => a with { TokenHash = OperatorPasswords.TokenHash(token) });
        return token;
    }

    public void Remove(string name)
    {
        var all = List().ToList();
        if (all.RemoveAll(o => o.Name == name) == 0) throw new OperatorException($"no operator '{name}'");
        Save(all);
    }

    private void Replace(string name, Func<OperatorAccount, OperatorAccount> change)
    {
        var all = List().ToList();
        var i = all.FindIndex(o => o.Name == name);
        if (i < 0) throw new OperatorException($"no operator '{name}'");
        all[i] = change(all[i]);
        Save(all);
    }

    private static void CheckPassword(string password)
    {
        if (OperatorPasswords.Problem(password) is { } problem) throw new OperatorException(problem);
    }

    private void Save(List<OperatorAccount> all)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path))!);
        var temp = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, all, OperatorFileJsonContext.Default.ListOperatorAccount);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _path, overwrite: true);
        lock (_gate) _cachedStamp = DateTime.MinValue;
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,31}$")]
    private static partial Regex NamePattern();
}
