using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.FileSink;

/// <summary>
/// Appends each event as one JSON line (<see cref="UplinkPayload"/>) and acknowledges a batch once it is
/// written and, by default, fsynced. Stands in for a hub on a gateway with no internet.
/// </summary>
public sealed class FileSinkUplink : IUplink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileSinkOptions _options;
    private readonly string _gatewayId;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _stream;

    public FileSinkUplink(FileSinkOptions options, string gatewayId)
    {
        _options = options;
        _gatewayId = gatewayId;
    }

    public string Name => "file";

    public UplinkState State => UplinkState.Connected;

    public string Path => System.IO.Path.GetFullPath(_options.Path);

    public async Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = _stream ??= Open();
            foreach (var message in batch)
            {
                await stream.WriteAsync(UplinkPayload.Format(message, _gatewayId), cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            }
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (_options.Fsync) stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private FileStream Open()
    {
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null) await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
