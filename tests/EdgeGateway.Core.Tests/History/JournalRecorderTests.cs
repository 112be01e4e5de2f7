using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.History;
using EdgeGateway.Core.Tests.Fakes;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.History;

public sealed class JournalRecorderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A journal whose writes wait until the test opens the gate (a slow or stuck disk).</summary>
    private sealed class GatedJournal : IEventJournal
    {
        private readonly object _lock = new();
        public ManualResetEventSlim Gate { get; } = new();
        public List<JournalEntry> Written { get; } = [];

        public int WrittenCount { get { lock (_lock) return Written.Count; } }

        /// <summary>The size of each <see cref="Append"/> call: one call is one transaction.</summary>
        public List<int> Batches { get; } = [];

        public void Append(IReadOnlyList<JournalEntry> entries)
        {
            Assert.True(Gate.Wait(Wait), "the test never opened the gate");
            lock (_lock)
            {
                Written.AddRange(entries);
                Batches.Add(entries.Count);
            }
        }

        public Task<JournalPage> QueryAsync(JournalQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static (JournalRecorder Recorder, GatewayEventEmitter Emitter) NewRecorder(GatedJournal journal, GatewayMetrics metrics, TimeProvider time,
        int capacity = JournalRecorder.DefaultCapacity, TimeSpan? flushEvery = null)
    {
        var emitter = new GatewayEventEmitter(new InMemoryEventBuffer(), new GatewayIdentity("gw-1", 3), time);
        return (new JournalRecorder(journal, emitter, metrics, time, NullLogger<JournalRecorder>.Instance, capacity, flushEvery), emitter);
    }

    /// <summary>The recorder's write loop on a thread of its own, as the host runs it.</summary>
    private static Task RunLoop(JournalRecorder recorder, CancellationToken stop) =>
        Task.Factory.StartNew(() => recorder.Run(stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [Fact]
    public async Task A_full_queue_drops_and_counts_without_blocking_ingest_and_the_rest_is_written()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        using var metrics = new GatewayMetrics();
        var journal = new GatedJournal();
        var (recorder, _) = NewRecorder(journal, metrics, time, capacity: 4);
        using var disposeRecorder = recorder;
        using var cts = new CancellationTokenSource();
        var loop = RunLoop(recorder, cts.Token);

        // The loop takes the first entry into a batch and waits on the gate; then 4 fit the queue and 5 are dropped.
        recorder.OnAccepted(Envelopes.Parsed("pb-1", 1, EventTypes.Panic), AppendOutcome.Stored);
        await Eventually.TrueAsync(() => !recorder.HasQueued, Wait, "the loop to take the first entry");
        var offered = Task.Run(() =>
        {
            for (var seq = 2; seq <= 10; seq++) recorder.OnAccepted(Envelopes.Parsed("pb-1", seq, EventTypes.Heartbeat), AppendOutcome.Stored);
        });
        await offered.WaitAsync(Wait); // never waits for the journal
        Assert.Equal(5, metrics.JournalDroppedTotal);

        journal.Gate.Set();
        await Eventually.TrueAsync(() => journal.WrittenCount == 5, Wait, "the queued entries to be written");
        Assert.Equal(["pb-1:1:1", "pb-1:1:2", "pb-1:1:3", "pb-1:1:4", "pb-1:1:5"], journal.Written.Select(e => e.EventId));
        await cts.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task Gateway_events_and_coalesced_ones_are_journaled_duplicates_are_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        using var metrics = new GatewayMetrics();
        var journal = new GatedJournal();
        journal.Gate.Set();
        var (recorder, emitter) = NewRecorder(journal, metrics, time);
        using var disposeRecorder = recorder;
        using var cts = new CancellationTokenSource();
        var loop = RunLoop(recorder, cts.Token);

        recorder.OnAccepted(Envelopes.Parsed("pb-1", 1, EventTypes.Panic), AppendOutcome.Stored);
        recorder.OnAccepted(Envelopes.Parsed("pb-1", 1, EventTypes.Panic), AppendOutcome.Duplicate);
        recorder.OnAccepted(Envelopes.Parsed("pb-1", 2, EventTypes.Panic), AppendOutcome.Coalesced);
        await emitter.EmitAsync(EventTypes.AlarmAck, """{"eventId":"pb-1:1:1","by":"thandi"}""", CancellationToken.None);

        await Eventually.TrueAsync(() => journal.WrittenCount == 3, Wait, "three entries");
        await cts.CancelAsync();
        await loop;
        Assert.Equal(3, journal.WrittenCount);
        Assert.Equal([("pb-1:1:1", "stored"), ("pb-1:1:2", "coalesced"), ("gw-1:3:1", "stored")], journal.Written.Select(e => (e.EventId, e.Outcome)));
        var ack = journal.Written[2];
        Assert.Equal((EventTypes.AlarmAck, "gw-1", time.GetUtcNow().ToUnixTimeMilliseconds()), (ack.Type, ack.Device, ack.ReceivedAtMs));
        Assert.Contains("thandi", ack.Data, StringComparison.Ordinal);
        Assert.Equal(0, metrics.JournalDroppedTotal);
    }

    [Fact]
    public async Task A_burst_is_written_in_one_transaction_as_soon_as_the_queue_is_half_full_not_one_per_event()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        using var metrics = new GatewayMetrics();
        var journal = new GatedJournal();
        journal.Gate.Set();
        // The periodic flush is an hour away: only reaching half the capacity (4 of 8) can wake the writer.
        var (recorder, _) = NewRecorder(journal, metrics, time, capacity: 8, flushEvery: TimeSpan.FromHours(1));
        using var disposeRecorder = recorder;
        using var cts = new CancellationTokenSource();
        var loop = RunLoop(recorder, cts.Token);

        for (var seq = 1; seq <= 3; seq++) recorder.OnAccepted(Envelopes.Parsed("hb-1", seq, EventTypes.Heartbeat), AppendOutcome.Stored);
        Assert.True(recorder.HasQueued); // below half: they wait for the flush
        recorder.OnAccepted(Envelopes.Parsed("hb-1", 4, EventTypes.Heartbeat), AppendOutcome.Stored);

        await Eventually.TrueAsync(() => journal.WrittenCount == 4, Wait, "the half-full queue written");
        Assert.Equal([4], journal.Batches);
        Assert.Equal(["hb-1:1:1", "hb-1:1:2", "hb-1:1:3", "hb-1:1:4"], journal.Written.Select(e => e.EventId));

        // What is queued when the host stops is written before the loop ends.
        recorder.OnAccepted(Envelopes.Parsed("hb-1", 5, EventTypes.Heartbeat), AppendOutcome.Stored);
        await cts.CancelAsync();
        await loop.WaitAsync(Wait);
        Assert.Equal([4, 1], journal.Batches);
        Assert.Equal(0, metrics.JournalDroppedTotal);
    }
}
