namespace EdgeGateway.Console;

/// <summary>Where the console keeps its files inside the gateway's data directory.</summary>
internal sealed class ConsolePaths
{
    public ConsolePaths(string dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>Append-only audit log (JSON lines, mode 600).</summary>
    public string AuditLog => Path.Combine(DataDirectory, "console-audit.jsonl");

    /// <summary>The keys that protect session and anti-forgery cookies (directory mode 700).</summary>
    public string Keys => Path.Combine(DataDirectory, "console-keys");
}
