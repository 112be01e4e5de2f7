using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Forwarding;

/// <summary>
/// Step 3 of an event's path: takes the most urgent buffered events, hands them to the uplink, and deletes
/// them only once the uplink reports the hub's ack (G2). On failure nothing is deleted; it retries with
/// exponential backoff and jitter, so an outage just lets the buffer grow until the link returns.
/// </summary>
public sealed class Forwarder
{
    private readonly IEventBuffer _buffer;
    private readonly IUplink _uplink;
    private readonly ForwarderOptions _options;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    public Forwarder(IEventBuffer buffer, IUplink uplink, ForwarderOptions options, GatewayMetrics metrics, ILogger<Forwarder> logger)
    {
        _buffer = buffer;
        _uplink = uplink;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.RetryMin;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await _buffer.PeekAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                await _buffer.WaitForAppendAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                await _uplink.SendAsync(batch.Select(ToMessage).ToArray(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _metrics.UplinkFailed();
                ForwarderLog.SendFailed(_logger, _uplink.Name, batch.Count, ex.Message, backoff.TotalMilliseconds);
                await Task.Delay(Jitter(backoff), cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryMax.Ticks));
                continue;
            }
            backoff = _options.RetryMin;
            // Not cancellable: the hub has the events; the delete must be recorded even during shutdown.
            await _buffer.DeleteAsync(batch.Select(e => e.Seq).ToArray(), CancellationToken.None).ConfigureAwait(false);
            _metrics.EventsForwarded(batch.Count);
            foreach (var e in batch) ForwarderLog.Forwarded(_logger, e.EventId, e.Type, e.Priority.ToString(), _uplink.Name);
        }
    }

    private static UplinkMessage ToMessage(BufferedEvent e) =>
        new(e.EventId, e.Device, e.Type, e.Priority, e.ReceivedAtMs, e.Envelope);

    private static TimeSpan Jitter(TimeSpan delay) =>
        delay * (0.5 + (Random.Shared.NextDouble() * 0.5));
}
