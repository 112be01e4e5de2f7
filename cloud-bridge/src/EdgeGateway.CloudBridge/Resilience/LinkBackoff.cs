using EdgeGateway.Contracts.Resilience;

namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// The reconnect backoff of one link (<see cref="LinkKeeper"/>): jittered, doubling from
/// <see cref="UplinkResilienceOptions.ReconnectMin"/> to <see cref="UplinkResilienceOptions.ReconnectMax"/>. An alarm can
/// <see cref="Cut"/> the current wait, but connect attempts stay <see cref="UplinkResilienceOptions.UrgentReconnectGap"/> apart;
/// while the hub refuses the gateway itself (<see cref="Refused"/>) nothing cuts the wait: ten attempts a second with
/// credentials the hub rejects would not bring an alarm through, only get the gateway throttled or banned.
/// </summary>
internal sealed class LinkBackoff
{
    private readonly Backoff _steps;
    private readonly TimeSpan _gap;
    private readonly TimeProvider _time;
    private TaskCompletionSource _cut = NewCut();
    private long _lastAttempt;
    private volatile bool _refused;

    public LinkBackoff(UplinkResilienceOptions options, TimeProvider time)
    {
        Min = options.ReconnectMin;
        Max = options.ReconnectMax;
        _steps = new Backoff(Min, Max);
        _gap = options.UrgentReconnectGap;
        _time = time;
        _lastAttempt = time.GetTimestamp();
    }

    public TimeSpan Min { get; }

    public TimeSpan Max { get; }

    /// <summary>The delay before the next attempt; doubles the step for the one after.</summary>
    public TimeSpan Next() => _steps.Next();

    /// <summary>Back to the first step (a connection carried a send before it was lost).</summary>
    public void Reset() => _steps.Reset();

    /// <summary>A connect attempt starts now.</summary>
    public void Attempting() => Interlocked.Exchange(ref _lastAttempt, _time.GetTimestamp());

    /// <summary>The last connect was refused for a lasting reason (<see cref="UplinkException.Refused"/>): alarms cannot cut the wait.</summary>
    public bool Refused
    {
        get => _refused;
        set => _refused = value;
    }

    /// <summary>An alarm is waiting: end the current wait, if one runs (keeping the gap since the last attempt). False, doing nothing, while <see cref="Refused"/>.</summary>
    public bool Cut()
    {
        if (_refused) return false;
        Volatile.Read(ref _cut).TrySetResult();
        return true;
    }

    /// <summary>Waits <paramref name="delay"/>, or less when an alarm cuts it during the wait.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var cut = NewCut();
        Volatile.Write(ref _cut, cut);
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await Task.WhenAny(Task.Delay(delay, _time, stop.Token), cut.Task).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (!cut.Task.IsCompleted) return;
        var sinceLast = _time.GetElapsedTime(Interlocked.Read(ref _lastAttempt));
        if (sinceLast < _gap) await Task.Delay(_gap - sinceLast, _time, cancellationToken).ConfigureAwait(false);
    }

    private static TaskCompletionSource NewCut() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
