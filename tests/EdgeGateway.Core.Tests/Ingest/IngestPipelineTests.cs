using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Core.Tests.Fakes;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Ingest;

public sealed class IngestPipelineTests : IDisposable
{
    private readonly InMemoryEventBuffer _buffer = new();
    private readonly GatewayMetrics _metrics = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_000_000));
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;

    public IngestPipelineTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    private IngestPipeline Pipeline(params IAcceptedEventObserver[] observers) =>
        new(_buffer, _metrics, new RejectionLogGate(_time), _loggers.CreateLogger<IngestPipeline>(),
            new Debouncer(new DebounceSettings(new DebounceOptions())), _time, observers);

    public static TheoryData<string, string, EnvelopeError> BadPublishes => new()
    {
        { "pb-1", "not json at all", EnvelopeError.NotJson },
        { "pb-1", "[1,2,3]", EnvelopeError.NotAnObject },
        { "pb-1", """{"v":1,"dev":"pb-1","boot":1,"type":"panic","ts":1,"sync":true,"data":{}}""", EnvelopeError.MissingField },
        { "pb-1", """{"v":1,"dev":"pb-1","boot":1,"seq":"seven","type":"panic","ts":1,"sync":true,"data":{}}""", EnvelopeError.BadField },
        { "pb-1", """{"v":2,"dev":"pb-1","boot":1,"seq":1,"type":"panic","ts":1,"sync":true,"data":{}}""", EnvelopeError.UnknownVersion },
        { "pb-1", """{"v":1,"dev":"pb-1","boot":1,"seq":1,"type":"toast","ts":1,"sync":true,"data":{}}""", EnvelopeError.UnknownType },
        { "pb-1", """{"v":1,"dev":"pb-1","boot":1,"seq":1,"type":"alarm_ack","ts":1,"sync":true,"data":{}}""", EnvelopeError.UnknownType },
        { "pb-2", """{"v":1,"dev":"pb-1","boot":1,"seq":1,"type":"panic","ts":1,"sync":true,"data":{}}""", EnvelopeError.DeviceMismatch },
        { "pb-1", "{\"v\":1,\"dev\":\"pb-1\",\"boot\":1,\"seq\":1,\"type\":\"panic\",\"ts\":1,\"sync\":true,\"data\":{\"pad\":\"" + new string('x', 1100) + "\"}}", EnvelopeError.Oversize },
    };

    [Theory]
    [MemberData(nameof(BadPublishes))]
    public async Task A_bad_envelope_is_refused_with_its_reason_counted_and_nothing_stored(string topicDevice, string payload, EnvelopeError reason)
    {
        var result = await Pipeline().IngestEventAsync(topicDevice, Encoding.UTF8.GetBytes(payload), CancellationToken.None);
        Assert.False(result.Accepted);
        Assert.Equal(reason, result.Error);
        Assert.Equal(1, _metrics.Rejected(reason));
        Assert.Equal(0, _buffer.Count);
        Assert.Empty(_buffer.CoalesceRequests);
    }

    [Fact]
    public async Task Refusals_of_one_device_are_logged_once_a_minute_and_the_next_line_counts_the_suppressed()
    {
        var pipeline = Pipeline();
        for (var i = 0; i < 5; i++) await pipeline.IngestEventAsync("pb-1", "garbage"u8.ToArray(), CancellationToken.None);
        await pipeline.IngestEventAsync("pb-2", "garbage"u8.ToArray(), CancellationToken.None);
        Assert.Equal(2, _logs.Entries.Count(e => e.Level >= LogLevel.Warning));

        _time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.IngestEventAsync("pb-1", "garbage"u8.ToArray(), CancellationToken.None);
        var warnings = _logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains("4 more suppressed", warnings[2].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("garbage", _logs.AllText, StringComparison.Ordinal);
        Assert.Equal(7, _metrics.Rejected(EnvelopeError.NotJson));
    }

    [Fact]
    public async Task A_good_event_is_committed_and_accepted_with_its_id()
    {
        var result = await Pipeline().IngestEventAsync("pb-1", Envelopes.Raw("pb-1", 7, "panic"), CancellationToken.None);
        Assert.True(result.Accepted);
        Assert.Equal((AppendOutcome.Stored, "pb-1:1:7"), (result.Outcome, result.EventId));
        Assert.Equal("pb-1:1:7", Assert.Single(_buffer.Snapshot()).EventId);
        Assert.Equal(1, _metrics.StoredTotal);
    }

    [Fact]
    public async Task A_repeated_id_is_accepted_as_a_duplicate_and_stored_once()
    {
        var pipeline = Pipeline();
        await pipeline.IngestEventAsync("cb-1", Envelopes.Raw("cb-1", 3, "boot"), CancellationToken.None);
        var again = await pipeline.IngestEventAsync("cb-1", Envelopes.Raw("cb-1", 3, "boot"), CancellationToken.None);
        Assert.True(again.Accepted);
        Assert.Equal(AppendOutcome.Duplicate, again.Outcome);
        Assert.Equal(1, _buffer.Count);
        Assert.Equal((1L, 1L), (_metrics.StoredTotal, _metrics.DuplicateTotal));
    }

    [Fact]
    public async Task Panics_inside_the_window_go_up_as_one_update_with_a_rising_repeat_and_a_later_one_stands_alone()
    {
        var pipeline = Pipeline();
        var outcomes = new List<AppendOutcome>();
        foreach (var (seq, after) in new[] { (1, 0), (2, 5), (3, 5), (4, 40) })
        {
            _time.Advance(TimeSpan.FromSeconds(after));
            outcomes.Add((await pipeline.IngestEventAsync("pb-1", Envelopes.Raw("pb-1", seq, "panic"), CancellationToken.None)).Outcome);
        }

        // The first goes up at once; the second starts the update; the third merges into the still-buffered update.
        Assert.Equal([AppendOutcome.Stored, AppendOutcome.Stored, AppendOutcome.Coalesced, AppendOutcome.Stored], outcomes);
        Assert.Equal([null, 1, 2, null], _buffer.CoalesceRequests.Select(r => r?.Repeat));
        Assert.Equal(_buffer.CoalesceRequests[1]!.Key, _buffer.CoalesceRequests[2]!.Key);
        Assert.Equal(3, _buffer.Count);
        Assert.Equal(1, _metrics.CoalescedTotal);
    }

    [Fact]
    public async Task A_full_buffer_throws_so_the_broker_does_not_ack_and_it_is_counted()
    {
        _buffer.FailAppendsWith = new BufferFullException();
        await Assert.ThrowsAsync<BufferFullException>(() =>
            Pipeline().IngestEventAsync("pb-1", Envelopes.Raw("pb-1", 1, "panic"), CancellationToken.None));
        Assert.Equal(1, _metrics.BufferFullTotal);
    }

    [Fact]
    public async Task Observers_hear_of_an_event_after_its_commit_and_a_failing_one_costs_nothing()
    {
        var seen = new RecordingObserver(_buffer);
        var result = await Pipeline(new ThrowingObserver(), seen)
            .IngestEventAsync("cb-1", Envelopes.Raw("cb-1", 1, "checkin", """{"card":"A1","checkpoint":"cp-1"}"""), CancellationToken.None);
        Assert.True(result.Accepted);
        Assert.Equal(("cb-1:1:1", 1L), Assert.Single(seen.Heard));
        Assert.Contains(_logs.Entries, e => e.Message.Contains(nameof(ThrowingObserver), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Observers_are_not_told_of_a_refused_event()
    {
        var seen = new RecordingObserver(_buffer);
        await Pipeline(seen).IngestEventAsync("cb-1", "{}"u8.ToArray(), CancellationToken.None);
        Assert.Empty(seen.Heard);
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _metrics.Dispose();
    }

    private sealed class RecordingObserver(InMemoryEventBuffer buffer) : IAcceptedEventObserver
    {
        public List<(string Id, long BufferedAtThatMoment)> Heard { get; } = [];

        public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome) => Heard.Add((envelope.Id.ToString(), buffer.Count));
    }

    private sealed class ThrowingObserver : IAcceptedEventObserver
    {
        public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome) => throw new InvalidOperationException("observer bug");
    }
}
