namespace EdgeGateway.CloudBridge.FileSink;

/// <summary>The local JSON-lines sink: the default uplink, so the gateway runs with no internet.</summary>
public sealed class FileSinkOptions
{
    /// <summary>The file events are appended to, one JSON object per line (the gateway resolves a relative path against Gateway:DataDirectory).</summary>
    public string Path { get; set; } = "uplink.jsonl";

    /// <summary>fsync after each batch before acknowledging it (a batch is then durable in the sink).</summary>
    public bool Fsync { get; set; } = true;
}
