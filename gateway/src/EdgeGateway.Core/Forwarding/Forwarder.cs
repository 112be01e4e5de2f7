using System.Diagnostics;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Resilience;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Health;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Forwarding;

/// <summary>
/// Step 3 of an event's path: hands the most urgent buffered events to the uplink and deletes them only once
/// the uplink reports the hub's ack (G2).
/// <para>
/// A window of up to <see cref="ForwarderOptions.Window"/> batches is in flight at once, so the link is kept
/// busy while acks travel back. A per-class cursor remembers the highest seq in flight, so each new batch is
/// the most urgent not-in-flight events. P0 (G4) never waits for a window slot: whenever a commit signals new
/// events, P0 above the cursor is dispatched at once as a batch of its own, ahead of the backlog still queued.
/// </para>
/// <para>
/// On any failure no new batch starts; once the window has settled, the cursors rewind to the head of the
/// buffer and everything not yet deleted is sent again after a backoff with jitter (the ids make the repeats
/// harmless, G3). An outage just lets the buffer grow.
/// </para>
/// <para>
/// Each turn of the loop ticks the forwarder's <see cref="Heartbeat"/>; an idle or backing-off loop wakes every
/// <see cref="LivenessRegistry.TickInterval"/> to tick, so only a loop that is really stuck stops the watchdog.
/// </para>
/// </summary>
public sealed class Forwarder
{
    private const int Classes = 4;

    private readonly IEventBuffer _buffer;
    private readonly IUplink _uplink;
    private readonly ForwarderOptions _options;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Heartbeat _heartbeat;
    private readonly TimeSpan _tickInterval;

    public Forwarder(IEventBuffer buffer, IUplink uplink, ForwarderOptions options, GatewayMetrics metrics, ILogger<Forwarder> logger, LivenessRegistry liveness)
    {
        ArgumentNullException.ThrowIfNull(liveness);
        _heartbeat = liveness.Register("forwarder");
        _tickInterval = liveness.TickInterval;
        _buffer = buffer;
        _uplink = uplink;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inflight = new List<Task<Flight>>();
        try
        {
            await PumpAsync(inflight, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // On shutdown let batches already sent record their deletes (their sends are being cancelled).
            await Task.WhenAll(inflight).ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(List<Task<Flight>> inflight, CancellationToken cancellationToken)
    {
        var cursor = new long[Classes];
        Task? appendSignal = null;
        Task? idleTick = null;
        var backoff = _options.RetryMin;
        Flight? failure = null;
        // Slow start: one batch until the link has proven itself (it may be connecting, and concurrent first
        // sends could overtake each other while the connection is made), then the full window.
        var window = 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            _heartbeat.Tick();
            for (var i = inflight.Count - 1; i >= 0; i--)
            {
                if (!inflight[i].IsCompleted) continue;
                var flight = await inflight[i].ConfigureAwait(false);
                inflight.RemoveAt(i);
                if (flight.Error is null)
                {
                    backoff = _options.RetryMin;
                    window = _options.Window;
                }
                else failure ??= flight;
            }

            if (failure is not null)
            {
                if (inflight.Count > 0)
                {
                    await Task.WhenAny(inflight).ConfigureAwait(false);
                    continue;
                }
                _metrics.UplinkFailed();
                ForwarderLog.SendFailed(_logger, _uplink.Name, failure.Count, failure.Error!.Message, backoff.TotalMilliseconds);
                await PauseAsync(Backoff.Jittered(backoff), cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryMax.Ticks));
                Array.Clear(cursor);
                failure = null;
                window = 1;
                continue;
            }

            // P0 first and alone, whether or not the window has room.
            var batch = await _buffer.PeekAsync(_options.BatchSize, cursor, PriorityClass.P0, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0 && inflight.Count < window)
                batch = await _buffer.PeekAsync(_options.BatchSize, cursor, PriorityClass.P3, cancellationToken).ConfigureAwait(false);
            if (batch.Count > 0)
            {
                foreach (var e in batch) cursor[(int)e.Priority] = Math.Max(cursor[(int)e.Priority], e.Seq);
                if (batch[0].Priority == PriorityClass.P0) ForwarderLog.Urgent(_logger, batch.Count, inflight.Count);
                inflight.Add(FlyAsync(batch, cancellationToken));
                continue;
            }

            // Wait for a commit, a flight, or the idle tick. Both signals are kept across turns until they fire, so
            // a busy loop does not start a timer per turn.
            appendSignal ??= _buffer.WaitForAppendAsync(cancellationToken);
            idleTick ??= Task.Delay(_tickInterval, cancellationToken);
            var done = await Task.WhenAny(inflight.Append(appendSignal).Append(idleTick)).ConfigureAwait(false);
            if (done == appendSignal)
            {
                await appendSignal.ConfigureAwait(false);
                appendSignal = null;
            }
            else if (done == idleTick)
            {
                await idleTick.ConfigureAwait(false);
                idleTick = null;
            }
        }
    }

    /// <summary>A backoff delay that still ticks the heartbeat: backing off is the loop working as meant.</summary>
    private async Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        for (var left = delay; left > TimeSpan.Zero; left = delay - Stopwatch.GetElapsedTime(start))
        {
            _heartbeat.Tick();
            await Task.Delay(left < _tickInterval ? left : _tickInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Flight> FlyAsync(IReadOnlyList<BufferedEvent> batch, CancellationToken cancellationToken)
    {
        // No yield before SendAsync: the uplink starts publishing in dispatch order, so concurrent batches of
        // one device and class reach the hub in seq order (G5) over the uplink's single connection.
        try
        {
            var messages = new UplinkMessage[batch.Count];
            for (var i = 0; i < batch.Count; i++) messages[i] = ToMessage(batch[i]);
            await _uplink.SendAsync(messages, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Flight(batch.Count, ex);
        }
        // Not cancellable: the hub has the events; the delete must be recorded even during shutdown.
        var seqs = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++) seqs[i] = batch[i].Seq;
        try
        {
            await _buffer.DeleteAsync(seqs, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Delivered but not deleted (the buffer is shutting down or failed): it will be sent again (G3).
            return new Flight(batch.Count, ex);
        }
        _metrics.EventsForwarded(batch.Count);
        if (_logger.IsEnabled(LogLevel.Debug))
            foreach (var e in batch) ForwarderLog.Forwarded(_logger, e.EventId, e.Type, e.Priority.ToString(), _uplink.Name);
        return new Flight(batch.Count, null);
    }

    private static UplinkMessage ToMessage(BufferedEvent e) =>
        new(e.EventId, e.Device, e.Type, e.Priority, e.ReceivedAtMs, e.Envelope);

    private sealed record Flight(int Count, Exception? Error);
}
