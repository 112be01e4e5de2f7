using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// The one resilience layer, around every uplink. The wrapped uplink's <see cref="IUplink.SendAsync"/> is one
/// attempt; this decorator adds, as one Polly 8 pipeline:
/// <list type="number">
/// <item>retry: an alarm (a batch holding a P0) gets up to <see cref="UplinkResilienceOptions.Attempts"/> attempts, at
/// once one after another; any other batch gets one, and its failure goes back to the forwarder, whose cursor rewind
/// resends in order;</item>
/// <item>a circuit breaker (<see cref="ConsecutiveFailureBreaker"/>) that opens after exactly
/// <see cref="UplinkResilienceOptions.BreakAfterFailures"/> failed attempts in a row; while it is open, non-alarm
/// batches fail at once, and an alarm still gets its attempt (a probe). The break ends early when the wrapped
/// hosted uplink reports its link is back.</item>
/// </list>
/// The per-attempt timeouts and the reconnect backoff belong to the wrapped uplink's link (<see cref="LinkKeeper"/>):
/// an attempt waits for the link to be up (bounded by the uplink's connect timeout), and each message's ack timeout
/// starts when it is handed to the client, not while it queues. Logs once per state change, never per attempt.
/// </summary>
public sealed class ResilientUplink : IHostedUplink
{
    private readonly IUplink _inner;
    private readonly ILogger _logger;
    private readonly ConsecutiveFailureBreaker _breaker;
    private readonly ResiliencePipeline _pipeline;

    public ResilientUplink(IUplink inner, UplinkResilienceOptions options, ILogger<ResilientUplink> logger, TimeProvider? time = null)
    {
        _inner = inner;
        _logger = logger;
        time ??= TimeProvider.System;
        _breaker = new ConsecutiveFailureBreaker(options.BreakAfterFailures, options.BreakDuration, time);
        _breaker.Opened += (failures, duration) => ResilienceLog.CircuitOpened(_logger, Name, failures, duration.TotalSeconds);
        _breaker.Closed += () => ResilienceLog.CircuitClosed(_logger, Name);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.Attempts > 1) builder.AddRetry(RetryOptions(options));
        _pipeline = builder.AddStrategy(_ => new BreakerStrategy(_breaker)).Build();
    }

    /// <summary>The wrapped uplink.</summary>
    public IUplink Inner => _inner;

    public string Name => _inner.Name;

    public UplinkState State => _inner.State;

    /// <summary>Failed attempts since the last success (what the breaker counts).</summary>
    public int ConsecutiveFailures => _breaker.ConsecutiveFailures;

    /// <summary>True while the circuit is open or probing.</summary>
    public bool CircuitOpen => _breaker.State != CircuitState.Closed;

    private RetryStrategyOptions RetryOptions(UplinkResilienceOptions options) => new()
    {
        MaxRetryAttempts = options.Attempts - 1,
        Delay = TimeSpan.Zero,
        // Only an alarm is retried here, at once: each of its attempts gets a connect attempt of its own. A non-alarm
        // batch fails back to the forwarder, which rewinds its cursor and sends again from the oldest unacked event:
        // batches in flight side by side, each retried on its own after its own jittered delay, would reach the cloud
        // out of order (G5), as the upstream-flaps test showed (seq 8, 7, 6 of one device).
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && ex is not BrokenCircuitException
            && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)
            && args.Context.Properties.GetValue(BreakerStrategy.UrgentKey, false)),
        // An alarm never waits for a retry delay: its next attempt waits only for the link, which a P0 wakes.
        OnRetry = args =>
        {
            if (_logger.IsEnabled(LogLevel.Debug))
                ResilienceLog.Retrying(_logger, Name, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message ?? "");
            return ValueTask.CompletedTask;
        },
    };

    public async Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(BreakerStrategy.UrgentKey, IsUrgent(batch));
        try
        {
            await _pipeline.ExecuteAsync(static (ctx, s) => new ValueTask(s.Inner.SendAsync(s.Batch, ctx.CancellationToken)), context, (Inner: _inner, Batch: batch))
                .ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new UplinkException($"uplink {Name} paused after repeated failures (circuit open): {ex.Message}", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A batch holding a P0 (panic, cancel) is an alarm: it never waits for a breaker or a retry delay.</summary>
    public static bool IsUrgent(IReadOnlyList<UplinkMessage> batch)
    {
        foreach (var m in batch)
        {
            if (m.Priority == PriorityClass.P0) return true;
        }
        return false;
    }

    /// <summary>The wrapped uplink's own loop, and: each time its link is back, an open circuit's break ends (the next batch probes).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_inner is not IHostedUplink hosted) return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = EndBreaksOnReconnectAsync(hosted, stop.Token);
        try
        {
            await hosted.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await watch.ConfigureAwait(false); }
            catch (OperationCanceledException) { /* stopped with the loop */ }
        }
    }

    private async Task EndBreaksOnReconnectAsync(IHostedUplink hosted, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await hosted.WaitForReconnectAsync(cancellationToken).ConfigureAwait(false);
            _breaker.LinkUp();
        }
    }

    public Task WaitForReconnectAsync(CancellationToken cancellationToken) =>
        _inner is IHostedUplink hosted ? hosted.WaitForReconnectAsync(cancellationToken) : Task.Delay(Timeout.Infinite, cancellationToken);

    /// <summary>Nothing of its own to release; the wrapped uplink belongs to whoever made it and is disposed by them.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
