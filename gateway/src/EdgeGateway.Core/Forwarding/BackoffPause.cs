using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.Core.Forwarding;

/// <summary>
/// The forwarder's wait after a failure: holds non-urgent sends until its timer ends or, when asked, until the
/// hosted uplink reports its link is back, whichever comes first. One timer per backoff, never one per wake-up.
/// </summary>
internal sealed class BackoffPause : IDisposable
{
    private readonly IHostedUplink? _link;
    private readonly CancellationToken _stopping;
    private CancellationTokenSource? _timerCancel;
    private Task? _timer;
    private Task? _reconnect;

    public BackoffPause(IHostedUplink? link, CancellationToken stopping)
    {
        _link = link;
        _stopping = stopping;
    }

    /// <summary>True while the backoff runs.</summary>
    public bool Holding => _timer is not null;

    /// <summary>True when the last backoff was ended by the link coming back (not by its timer).</summary>
    public bool WokenByReconnect { get; private set; }

    public void Start(TimeSpan delay, bool wakeOnReconnect)
    {
        End();
        WokenByReconnect = false;
        _timerCancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        _timer = Task.Delay(delay, _timerCancel.Token);
        _reconnect = wakeOnReconnect && _link is not null ? _link.WaitForReconnectAsync(_timerCancel.Token) : null;
    }

    public void AddWaits(List<Task> waits)
    {
        if (_timer is null) return;
        waits.Add(_timer);
        if (_reconnect is not null) waits.Add(_reconnect);
    }

    /// <summary>Ends the backoff when <paramref name="done"/> is its timer or the link's reconnect; true when it did.</summary>
    public bool Observe(Task done)
    {
        if (_timer is null || (done != _timer && done != _reconnect)) return false;
        var byReconnect = done == _reconnect && done.IsCompletedSuccessfully;
        End();
        WokenByReconnect = byReconnect;
        return true;
    }

    public void End()
    {
        _timerCancel?.Cancel();
        _timerCancel?.Dispose();
        _timerCancel = null;
        _timer = null;
        _reconnect = null;
    }

    public void Dispose() => End();
}
