namespace EdgeGateway.Contracts.Uplink;

/// <summary>
/// Tells waiters that a link has just (re)connected. Each <see cref="Raise"/> completes every wait taken before it;
/// a wait taken after it waits for the next one. Thread-safe.
/// </summary>
public sealed class ReconnectSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Raise"/> after this call.</summary>
    public Task NextAsync(CancellationToken cancellationToken) => Volatile.Read(ref _next).Task.WaitAsync(cancellationToken);

    /// <summary>The link is up again.</summary>
    public void Raise() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
