using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.Core.Tests.Fakes;

/// <summary>
/// A hosted uplink whose sends the test completes: every <see cref="SendAsync"/> becomes a <see cref="PendingSend"/>
/// that the test takes with <see cref="NextAsync"/> and then acks or fails, so "in flight" is a state the test controls.
/// </summary>
internal sealed class ScriptedUplink : IHostedUplink
{
    private readonly Channel<PendingSend> _sends = Channel.CreateUnbounded<PendingSend>();
    private readonly ConcurrentQueue<PendingSend> _all = new();
    private int _inFlight;

    public string Name => "scripted";

    /// <summary>Raise it to play the link coming back after an outage.</summary>
    public ReconnectSignal Reconnected { get; } = new();

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WaitForReconnectAsync(CancellationToken cancellationToken) => Reconnected.NextAsync(cancellationToken);

    public UplinkState State => UplinkState.Connected;

    /// <summary>Every batch handed over so far, in the order the forwarder handed them.</summary>
    public ConcurrentQueue<IReadOnlyList<UplinkMessage>> History { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight { get; private set; }

    public async Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken)
    {
        var pending = new PendingSend(batch);
        History.Enqueue(batch);
        _all.Enqueue(pending);
        var now = Interlocked.Increment(ref _inFlight);
        lock (_sends) MaxInFlight = Math.Max(MaxInFlight, now);
        _sends.Writer.TryWrite(pending);
        try
        {
            await pending.Outcome.Task.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The next batch the forwarder hands over (waits for it, with a deadline).</summary>
    public async Task<PendingSend> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _sends.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("the forwarder handed no batch to the uplink in time");
        }
    }

    /// <summary>True when a batch was handed over and not yet taken by <see cref="NextAsync"/>.</summary>
    public bool TryTakeNext(out PendingSend? send) => _sends.Reader.TryRead(out send);

    /// <summary>Fails every send not yet answered (a test's end), so a forwarder awaiting them can stop.</summary>
    public void FailAll()
    {
        foreach (var pending in _all) pending.Fail("test over");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal sealed class PendingSend(IReadOnlyList<UplinkMessage> batch)
    {
        public IReadOnlyList<UplinkMessage> Batch { get; } = batch;

        public TaskCompletionSource Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Ids => Batch.Select(m => m.EventId).ToList();

        public void Ack() => Outcome.TrySetResult();

        public void Fail(string why = "hub unreachable") => Outcome.TrySetException(new IOException(why));
    }
}
