using EdgeGateway.Core.Operators;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Cli.Tests;

/// <summary>`edgegw operator add|list|passwd|remove|token`: the console's accounts, as run.sh and technicians use them.</summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly TempDir _dir = new("cli-operators");

    public void Dispose() => _dir.Dispose();

    private Task<(int Code, string Output)> Run(params string[] args) => Proc.EdgegwAsync(["--data-dir", _dir.File("data"), .. args]);

    [Fact]
    public async Task Add_writes_a_generated_password_file_mode_600_and_stores_only_a_slow_hash()
    {
        var passwordFile = _dir.File("demo.password");
        var add = await Run("operator", "add", "demo", "--role", "admin", "--password-file", passwordFile);
        Assert.True(add.Code == 0, add.Output);
        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();
        Assert.True(password.Length >= OperatorPasswords.MinLength);
        Assert.DoesNotContain(password, add.Output, StringComparison.Ordinal);
        var store = new OperatorStore(_dir.File("data"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        }
        Assert.DoesNotContain(password, await File.ReadAllTextAsync(store.Path), StringComparison.Ordinal);
        var account = store.Find("demo")!;
        Assert.Equal(OperatorRole.Admin, account.Role);
        Assert.Equal(OperatorPasswords.Iterations, account.Iterations);
        Assert.True(OperatorPasswords.Verify(password, account));
        Assert.Contains("demo", (await Run("operator", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_roles_names_duplicates_and_short_passwords_are_refused_with_a_plain_message()
    {
        var file = _dir.File("a.password");
        Assert.Equal(0, (await Run("operator", "add", "anna", "--role", "operator", "--password-file", file)).Code);
        var role = await Run("operator", "add", "ben", "--role", "boss", "--password-file", file);
        Assert.Equal((1, true), (role.Code, role.Output.Contains("--role 'boss' must be operator, technician or admin", StringComparison.Ordinal)));
        var name = await Run("operator", "add", "Ben Smith", "--role", "operator", "--password-file", file);
        Assert.Equal((1, true), (name.Code, name.Output.Contains("is not a valid operator name", StringComparison.Ordinal)));
        var again = await Run("operator", "add", "anna", "--role", "operator", "--password-file", file);
        Assert.Equal((1, true), (again.Code, again.Output.Contains("operator 'anna' already exists", StringComparison.Ordinal)));
        var shortFile = _dir.File("short.password");
        await File.WriteAllTextAsync(shortFile, "abc");
        var weak = await Run("operator", "add", "carl", "--role", "operator", "--password-file", shortFile);
        Assert.Equal((1, true), (weak.Code, weak.Output.Contains("at least 10 characters", StringComparison.Ordinal)));
        Assert.Equal(1, (await Run("operator", "remove", "nobody")).Code);
    }

    [Fact]
    public async Task Passwd_token_and_remove_change_the_account()
    {
        Assert.Equal(0, (await Run("operator", "add", "tech", "--role", "technician", "--password-file", _dir.File("t1"))).Code);
        var store = new OperatorStore(_dir.File("data"));
        var stamp = store.Find("tech")!.Stamp;
        Assert.Equal(0, (await Run("operator", "passwd", "tech", "--password-file", _dir.File("t2"))).Code);
        Assert.NotEqual(stamp, store.Find("tech")!.Stamp);
        Assert.True(OperatorPasswords.Verify((await File.ReadAllTextAsync(_dir.File("t2"))).Trim(), store.Find("tech")!));

        var token = await Run("operator", "token", "tech");
        Assert.Equal(0, token.Code);
        Assert.Equal("tech", store.FindByToken(token.Output.Trim())?.Name);

        Assert.Equal(0, (await Run("operator", "remove", "tech")).Code);
        Assert.Null(store.Find("tech"));
    }
}
