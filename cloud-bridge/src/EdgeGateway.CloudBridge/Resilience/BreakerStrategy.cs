using Polly;
using Polly.CircuitBreaker;

namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// <see cref="ConsecutiveFailureBreaker"/> as a step of a Polly pipeline. A refused attempt ends with
/// <see cref="BrokenCircuitException"/>, which the retry step does not retry. Whether the batch is an alarm is read
/// from the context (<see cref="UrgentKey"/>).
/// </summary>
internal sealed class BreakerStrategy : ResilienceStrategy
{
    public static readonly ResiliencePropertyKey<bool> UrgentKey = new("edgegw.uplink.urgent");

    private readonly ConsecutiveFailureBreaker _breaker;

    public BreakerStrategy(ConsecutiveFailureBreaker breaker) => _breaker = breaker;

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var urgent = context.Properties.GetValue(UrgentKey, false);
        if (!_breaker.TryEnter(urgent, out var retryAfter))
            return Outcome.FromException<TResult>(new BrokenCircuitException($"the circuit is open for another {retryAfter.TotalSeconds:0.#} s", retryAfter));
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is null) _breaker.Succeeded();
        else if (outcome.Exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested) _breaker.Abandoned();
        else _breaker.Failed();
        return outcome;
    }
}
