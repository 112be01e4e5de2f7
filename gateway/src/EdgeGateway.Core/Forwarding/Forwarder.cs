using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Resilience;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Health;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Forwarding;

/// <summary>
/// Step 3 of an event's path: hands the most urgent buffered events to the uplink and deletes them only once
/// the uplink reports the hub's ack (G2).
/// <para>
/// A window of up to <see cref="ForwarderOptions.Window"/> batches is in flight at once, so the link is kept
/// busy while acks travel back. A per-class cursor remembers the highest seq in flight, so each new batch is
/// the most urgent not-in-flight events.
/// </para>
/// <para>
/// Alarms never wait (G4): a P0 committed above the cursor is dispatched at once as a batch of its own, whatever
/// else is going on: ahead of the backlog, beside a full window, while failed batches settle and during a backoff.
/// </para>
/// <para>
/// On a failure no new non-urgent batch starts; once the window has settled, the cursors rewind to the head of the
/// buffer and everything not yet deleted is sent again after a backoff with jitter (the ids make the repeats
/// harmless, G3). A failed P0 batch is not left to that backoff: it is dispatched again every
/// <see cref="ForwarderOptions.AlarmRetry"/> until it goes through, so a panic buffered during an outage goes up as
/// soon as the link is back. The backoff ends early when a new P0 is committed, or when a hosted uplink reports that its link
/// is back (once per outage: if the first attempt after a reconnect fails too, the rest of the outage waits for the
/// timer, so a hub that accepts connections but fails sends cannot spin the forwarder). The first success after
/// failures emits <c>uplink_restored</c> with the outage's length and the backlog at that moment.
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
    private readonly GatewayEventEmitter? _events;
    private readonly TimeProvider _time;
    private readonly Heartbeat? _heartbeat;
    private readonly TimeSpan _tickInterval;
    private readonly ForwardingStatus? _status;

    public Forwarder(IEventBuffer buffer, IUplink uplink, ForwarderOptions options, GatewayMetrics metrics, ILogger<Forwarder> logger)
        : this(buffer, uplink, options, metrics, logger, null, TimeProvider.System)
    {
    }

    /// <param name="events">Where <c>uplink_restored</c> goes; null: not emitted.</param>
    /// <param name="liveness">The watchdog's registry the loop ticks; null: no watchdog.</param>
    /// <param name="status">Where the last success, the rate and the restorations are kept for the console; null: not kept.</param>
    public Forwarder(IEventBuffer buffer, IUplink uplink, ForwarderOptions options, GatewayMetrics metrics, ILogger<Forwarder> logger,
        GatewayEventEmitter? events, TimeProvider time, LivenessRegistry? liveness = null, ForwardingStatus? status = null)
    {
        _status = status;
        _heartbeat = liveness?.Register("forwarder");
        _tickInterval = liveness?.TickInterval ?? Timeout.InfiniteTimeSpan;
        _buffer = buffer;
        _uplink = uplink;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _events = events;
        _time = time;
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
        var state = new PumpState(_options.RetryMin) { Stopping = cancellationToken };
        Task? appendSignal = null;
        Task? idleTick = null;
        using var pause = new BackoffPause(_uplink as IHostedUplink, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            _heartbeat?.Tick();
            if (await ReapAsync(inflight, state).ConfigureAwait(false) && pause.Holding)
            {
                // Something got through (a P0 sent during the backoff): the link is back, resume the backlog now.
                pause.End();
                state.RewindPending = true;
            }

            // P0 first and alone, whatever the window, a failure or a backoff. During a backoff the cursor still covers
            // what was tried, so only a newly committed P0 goes at once (old ones wait for the rewind, no spinning).
            var urgent = await _buffer.PeekAsync(_options.BatchSize, cursor, PriorityClass.P0, cancellationToken).ConfigureAwait(false);
            if (urgent.Count > 0)
            {
                ForwarderLog.Urgent(_logger, urgent.Count, inflight.Count);
                Dispatch(urgent, cursor, inflight, cancellationToken, alarms: true);
                continue;
            }

            if (inflight.Count == 0)
            {
                if (state.Failure is not null)
                {
                    StartBackoff(state, pause);
                    continue;
                }
                if (state.RewindPending)
                {
                    // Everything not yet deleted is sent again from the head of the buffer.
                    Array.Clear(cursor);
                    state.RewindPending = false;
                    continue;
                }
            }

            if (state.Failure is null && !state.RewindPending && !pause.Holding && inflight.Count < state.Window)
            {
                var batch = await _buffer.PeekAsync(_options.BatchSize, cursor, PriorityClass.P3, cancellationToken).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    Dispatch(batch, cursor, inflight, cancellationToken);
                    continue;
                }
            }

            // Wait for a commit, a flight, the backoff's end or the idle tick. Each signal is kept across turns until
            // it fires, so a busy loop does not start a timer per turn.
            appendSignal ??= _buffer.WaitForAppendAsync(cancellationToken);
            if (_heartbeat is not null) idleTick ??= Task.Delay(_tickInterval, cancellationToken);
            var waits = new List<Task>(inflight) { appendSignal };
            if (idleTick is not null) waits.Add(idleTick);
            pause.AddWaits(waits);
            if (state.AlarmRetry is not null) waits.Add(state.AlarmRetry);
            var done = await Task.WhenAny(waits).ConfigureAwait(false);
            if (done == state.AlarmRetry)
            {
                // The failed alarms are peeked again (what is above them and was sent may be sent twice: ids, G3).
                cursor[(int)PriorityClass.P0] = Math.Min(cursor[(int)PriorityClass.P0], state.AlarmRewindTo);
                state.AlarmRetry = null;
                state.AlarmRewindTo = long.MaxValue;
            }
            else if (done == appendSignal)
            {
                await appendSignal.ConfigureAwait(false);
                appendSignal = null;
            }
            else if (done == idleTick)
            {
                await idleTick.ConfigureAwait(false);
                idleTick = null;
            }
            else if (pause.Observe(done)) state.RewindPending = true;
        }
    }

    /// <summary>Takes finished flights; true when one of them succeeded.</summary>
    private async Task<bool> ReapAsync(List<Task<Flight>> inflight, PumpState state)
    {
        var succeeded = false;
        for (var i = inflight.Count - 1; i >= 0; i--)
        {
            if (!inflight[i].IsCompleted) continue;
            var flight = await inflight[i].ConfigureAwait(false);
            inflight.RemoveAt(i);
            if (flight.Error is not null)
            {
                state.Failure ??= flight;
                if (flight.AlarmsFrom is { } from) RetryAlarms(state, from);
                continue;
            }
            succeeded = true;
            state.Backoff = _options.RetryMin;
            state.Window = _options.Window;
            if (state.OutageStarted is { } started)
            {
                state.OutageStarted = null;
                state.ReconnectWakeUsed = false;
                _metrics.UplinkRestored();
                _status?.Restored();
                _ = EmitRestoredAsync(_time.GetUtcNow() - started);
            }
        }
        return succeeded;
    }

    private void RetryAlarms(PumpState state, long from)
    {
        state.AlarmRewindTo = Math.Min(state.AlarmRewindTo, from - 1);
        state.AlarmRetry ??= Task.Delay(_options.AlarmRetry, _time, state.Stopping);
    }

    private void StartBackoff(PumpState state, BackoffPause pause)
    {
        var failure = state.Failure!;
        var delay = Backoff.Jittered(state.Backoff);
        _metrics.UplinkFailed();
        // One warning per outage; the failures after it are Debug (uplink_restored and its log line end the outage).
        if (state.OutageStarted is null) ForwarderLog.SendFailed(_logger, _uplink.Name, failure.Count, failure.Error!.Message, delay.TotalMilliseconds);
        else ForwarderLog.SendFailedAgain(_logger, _uplink.Name, failure.Count, failure.Error!.Message, delay.TotalMilliseconds);
        state.OutageStarted ??= _time.GetUtcNow();
        // A failure on the attempt a reconnect woke: this outage waits for the timer from now on.
        if (pause.WokenByReconnect) state.ReconnectWakeUsed = true;
        pause.Start(delay, wakeOnReconnect: !state.ReconnectWakeUsed);
        state.Backoff = TimeSpan.FromTicks(Math.Min(state.Backoff.Ticks * 2, _options.RetryMax.Ticks));
        state.Failure = null;
        // Slow start: one batch until the link has proven itself (it may be connecting, and concurrent first
        // sends could overtake each other while the connection is made), then the full window.
        state.Window = 1;
    }

    private void Dispatch(IReadOnlyList<BufferedEvent> batch, long[] cursor, List<Task<Flight>> inflight, CancellationToken cancellationToken, bool alarms = false)
    {
        foreach (var e in batch) cursor[(int)e.Priority] = Math.Max(cursor[(int)e.Priority], e.Seq);
        inflight.Add(FlyAsync(batch, alarms ? batch.Min(e => e.Seq) : null, cancellationToken));
    }

    private async Task EmitRestoredAsync(TimeSpan outage)
    {
        if (_events is null) return;
        try
        {
            var backlog = await _buffer.BacklogByClassAsync(CancellationToken.None).ConfigureAwait(false);
            ForwarderLog.Restored(_logger, _uplink.Name, outage.TotalSeconds, backlog.Sum());
            var data = System.Text.Json.JsonSerializer.Serialize(new UplinkRestoredData(_uplink.Name, (long)outage.TotalMilliseconds, backlog.Sum(), backlog),
                Events.CoreJsonContext.Default.UplinkRestoredData);
            await _events.EmitAsync(Contracts.Envelope.EventTypes.UplinkRestored, data, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ForwarderLog.RestoredNotEmitted(_logger, ex.Message);
        }
    }

    /// <param name="alarmsFrom">For a batch of alarms, its lowest seq (a failure retries from there); otherwise null.</param>
    private async Task<Flight> FlyAsync(IReadOnlyList<BufferedEvent> batch, long? alarmsFrom, CancellationToken cancellationToken)
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
            return new Flight(batch.Count, ex, alarmsFrom);
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
        _status?.Forwarded(batch.Count);
        if (_logger.IsEnabled(LogLevel.Debug))
            foreach (var e in batch) ForwarderLog.Forwarded(_logger, e.EventId, e.Type, e.Priority.ToString(), _uplink.Name);
        return new Flight(batch.Count, null);
    }

    private static UplinkMessage ToMessage(BufferedEvent e) =>
        new(e.EventId, e.Device, e.Type, e.Priority, e.ReceivedAtMs, e.Envelope);

    private sealed record Flight(int Count, Exception? Error, long? AlarmsFrom = null);

    private sealed class PumpState(TimeSpan retryMin)
    {
        public TimeSpan Backoff { get; set; } = retryMin;

        public int Window { get; set; } = 1;

        public Flight? Failure { get; set; }

        public DateTimeOffset? OutageStarted { get; set; }

        public bool ReconnectWakeUsed { get; set; }

        public CancellationToken Stopping { get; init; }

        /// <summary>Set while failed alarms wait for <see cref="ForwarderOptions.AlarmRetry"/>; then the P0 cursor goes back to <see cref="AlarmRewindTo"/>.</summary>
        public Task? AlarmRetry { get; set; }

        public long AlarmRewindTo { get; set; } = long.MaxValue;

        /// <summary>A backoff ended: rewind the cursors to the head once nothing is in flight.</summary>
        public bool RewindPending { get; set; }
    }
}
