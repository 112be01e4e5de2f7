namespace EdgeGateway.Contracts.Resilience;

/// <summary>
/// Exponential backoff with jitter, the one copy the gateway's loops use (the firmware keeps its own: nanoFramework
/// has neither this assembly nor Polly). A delay is drawn from [50 %, 100 %] of the current step, so many gateways
/// or links that failed together do not retry together; the step doubles up to a maximum.
/// </summary>
public sealed class Backoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;

    public Backoff(TimeSpan first, TimeSpan max)
    {
        if (first <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(first), "the first delay must be positive");
        _first = first;
        _max = max < first ? first : max;
        Current = first;
    }

    /// <summary>The step the next delay is drawn from.</summary>
    public TimeSpan Current { get; private set; }

    /// <summary>The delay to wait now; doubles the step for the time after.</summary>
    public TimeSpan Next()
    {
        var delay = Jittered(Current);
        Current = TimeSpan.FromTicks(Math.Min(Current.Ticks * 2, _max.Ticks));
        return delay;
    }

    /// <summary>Back to the first step (after a success).</summary>
    public void Reset() => Current = _first;

    public static TimeSpan Jittered(TimeSpan step) => step * (0.5 + (Random.Shared.NextDouble() * 0.5));
}
