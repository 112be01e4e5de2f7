namespace EdgeGateway.Service.Storage;

public sealed class SqliteBufferOptions
{
    /// <summary>The SQLite file; relative paths are under the gateway's data directory.</summary>
    public string Path { get; set; } = "buffer.db";

    /// <summary>Most operations one group commit covers.</summary>
    public int MaxGroup { get; set; } = 1024;
}
