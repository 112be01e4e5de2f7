using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// The alarms' way to the hub. Alarms queue here in the order they were sent, and one pump hands them to the link: for
/// each message it waits for the link, one of the alarms' in-flight slots (<see cref="IoTHubOptions.MaxAlarmInflight"/>,
/// never held by other traffic) and a send token
/// (<see cref="SendRateLimiter"/>, the alarms' own line). Each alarm goes alone, one per message, as SPEC.md asks; with
/// packing on (<see cref="IoTHubOptions.PackWaitingAlarms"/>) alarms that had to wait (for the link, a slot or the rate)
/// go together: the next message carries as many of the queued ones as fit below the size limit, in their order
/// (<see cref="BatchPlanner.PackFront"/>), each with its own event id, so a hub that acks slower than the gateway sends
/// gets fewer, fuller messages. Either way the queue waits here, where no ack timeout runs, not at the hub. The
/// pump does not wait for acks: each message's ack timeout starts at its write (<see cref="IHubPublisher.PublishAsync"/>).
/// A failure fails the alarms it concerns; the resilience layer and the forwarder send them again.
/// </summary>
internal sealed class AlarmLane : IDisposable
{
    private readonly IHubPublisher _link;
    private readonly InflightGate _gate;
    private readonly SendRateLimiter _limiter;
    private readonly BatchPlanner _planner;
    private readonly Action _acked;
    private readonly ILogger _logger;
    private readonly object _lock = new();
    private readonly List<PendingAlarm> _queue = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stop;
    private readonly bool _packWaiting;
    private bool _pumping;

    /// <param name="acked">Called once per message the hub acked.</param>
    /// <param name="packWaiting">Alarms that had to wait go up together (<see cref="IoTHubOptions.PackWaitingAlarms"/>).</param>
    public AlarmLane(IHubPublisher link, InflightGate gate, SendRateLimiter limiter, BatchPlanner planner, Action acked, ILogger logger, bool packWaiting)
    {
        _packWaiting = packWaiting;
        _link = link;
        _gate = gate;
        _limiter = limiter;
        _planner = planner;
        _acked = acked;
        _logger = logger;
        _stop = _stopping.Token;
    }

    /// <summary>
    /// Queues the alarms of <paramref name="batch"/> not yet acked (before this returns, so alarms keep the order of the
    /// calls) and completes when the hub has acked all of them; fails with the first failure among them.
    /// </summary>
    public Task SendAsync(PlannedBatch batch, CancellationToken cancellationToken)
    {
        var pending = new List<PendingAlarm>(batch.Alarms.Length);
        for (var i = 0; i < batch.Alarms.Length; i++)
        {
            if (!batch.AlarmAcked[i]) pending.Add(new PendingAlarm(batch, i));
        }
        if (pending.Count == 0) return Task.CompletedTask;
        bool start;
        lock (_lock)
        {
            _queue.AddRange(pending);
            start = !_pumping;
            _pumping = true;
        }
        var registrations = pending.Select(p => cancellationToken.Register(static s => ((PendingAlarm)s!).Done.TrySetCanceled(), p)).ToArray();
        if (start) _ = PumpAsync(); // runs up to its first wait on this thread: an alarm that need not wait is written now
        return AllAckedAsync(pending, registrations);
    }

    private static async Task AllAckedAsync(List<PendingAlarm> pending, CancellationTokenRegistration[] registrations)
    {
        try
        {
            await Task.WhenAll(pending.Select(p => p.Done.Task)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var r in registrations) await r.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            lock (_lock)
            {
                _queue.RemoveAll(p => p.Done.Task.IsCompleted); // cancelled by their senders
                if (_queue.Count == 0)
                {
                    _pumping = false;
                    return;
                }
            }
            var (generation, waited) = await SlotAsync().ConfigureAwait(false);
            if (generation == 0) continue; // failed: the queued alarms were failed with it
            var (taken, message) = Take(waited);
            if (message is null)
            {
                _gate.Release();
                continue;
            }
            _ = PublishAsync(generation, message, taken);
        }
    }

    /// <summary>Waits for the link, a slot and a send token; (0, _) when that failed (and the queue was failed with it).</summary>
    private async Task<(long Generation, bool Waited)> SlotAsync()
    {
        var stopping = _stop;
        var holdsSlot = false;
        try
        {
            var up = _link.WaitUpAsync(urgent: true, stopping);
            var waited = !up.IsCompleted;
            var generation = await up.ConfigureAwait(false);
            if (!_gate.TryEnter())
            {
                waited = true;
                await _gate.WaitAsync(stopping).ConfigureAwait(false);
            }
            holdsSlot = true;
            var token = _limiter.AcquireAsync(urgent: true, stopping);
            waited |= !token.IsCompleted;
            await token.ConfigureAwait(false);
            return (generation, waited);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (holdsSlot) _gate.Release();
            List<PendingAlarm> failed;
            lock (_lock)
            {
                failed = [.. _queue];
                _queue.Clear();
            }
            foreach (var p in failed) p.Done.TrySetException(ex as UplinkException ?? new UplinkException($"IoT Hub alarm send failed: {ex.Message}", ex));
            return (0, false);
        }
    }

    /// <summary>The next message: the first queued alarm, or (after a wait, when packing) as many of them as fit.</summary>
    private (List<PendingAlarm> Taken, OutboundMessage? Message) Take(bool waited)
    {
        List<PendingAlarm> live;
        lock (_lock)
        {
            var n = waited && _packWaiting ? _queue.Count : Math.Min(1, _queue.Count);
            live = _queue.GetRange(0, n).Where(p => !p.Done.Task.IsCompleted).ToList();
            _queue.RemoveRange(0, n);
        }
        if (live.Count == 0) return (live, null);
        OutboundMessage message;
        int count;
        try
        {
            message = _planner.PackFront(live.Select(p => p.Message).ToList(), out count);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var p in live) p.Done.TrySetException(ex as UplinkException ?? new UplinkException($"IoT Hub alarm could not be packed: {ex.Message}", ex));
            return ([], null);
        }
        // What did not fit goes back to the front of the queue, ahead of alarms that came meanwhile.
        lock (_lock) _queue.InsertRange(0, live.Skip(count));
        if (count > 1) IoTHubLog.AlarmsPacked(_logger, count, message.Payload.Length);
        return (live.GetRange(0, count), message);
    }

    private async Task PublishAsync(long generation, OutboundMessage message, List<PendingAlarm> alarms)
    {
        try
        {
            await _link.PublishAsync(generation, message.Topic, message.Payload, _stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failure = ex as UplinkException ?? new UplinkException($"IoT Hub alarm send failed: {ex.Message}", ex);
            foreach (var p in alarms) p.Done.TrySetException(failure);
            return;
        }
        finally
        {
            _gate.Release();
        }
        _link.Proven(generation);
        _acked();
        foreach (var p in alarms) p.Acked();
    }

    /// <summary>Stops the pump; alarms still queued or in flight fail (the forwarder keeps them in the buffer).</summary>
    public void Dispose() =>
        _stopping.Cancel(); // not disposed: a pump or a publish finishing after this still reads its (cancelled) token
}
