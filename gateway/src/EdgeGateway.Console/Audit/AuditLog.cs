using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Console.Audit;

/// <summary>
/// Every ack, device command, login and logout through the console, appended as JSON lines to
/// <c>console-audit.jsonl</c> (mode 600) and flushed before the action's answer. Past <see cref="MaxBytes"/> the file
/// is rotated to <c>.1</c> (one generation kept). Admins read the newest entries on the console.
/// </summary>
internal sealed class AuditLog
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;
    private readonly object _gate = new();

    public AuditLog(ConsolePaths paths, TimeProvider time, ILogger<AuditLog> logger)
    {
        _path = paths.AuditLog;
        _time = time;
        _logger = logger;
    }

    public void Write(string who, string action, string target, string result, string address)
    {
        var line = JsonSerializer.Serialize(new AuditEntry(_time.GetUtcNow(), who, action, target, result, address), ConsoleJsonContext.Default.AuditEntry) + "\n";
        try
        {
            lock (_gate)
            {
                if (File.Exists(_path) && new FileInfo(_path).Length > MaxBytes) File.Move(_path, _path + ".1", overwrite: true);
                var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var stream = new FileStream(_path, options);
                stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException ex)
        {
            ConsoleLog.AuditFailed(_logger, ex.Message);
        }
    }

    /// <summary>The newest entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int max)
    {
        List<string> lines;
        lock (_gate)
        {
            if (!File.Exists(_path)) return [];
            lines = File.ReadLines(_path).TakeLast(max).ToList();
        }
        lines.Reverse();
        return lines.Select(l => JsonSerializer.Deserialize(l, ConsoleJsonContext.Default.AuditEntry)!).ToList();
    }
}
