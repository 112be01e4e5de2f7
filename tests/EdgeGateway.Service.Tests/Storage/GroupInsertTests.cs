using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>The writer's per-event statements (prepared once, bound and stepped per row) inside one group transaction.</summary>
public sealed class GroupInsertTests : IDisposable
{
    private readonly TempDir _dir = new("group-insert");

    private string DbPath => _dir.File("buffer.db");

    public void Dispose() => _dir.Dispose();

    private static (EventEnvelope Envelope, byte[] Raw) Event(string dev, long seq)
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"test","ts":1,"sync":true,"data":{"n":"{{{dev}}}/{{{seq}}}"}}""");
        return (EnvelopeParser.Parse(raw, dev).Envelope!, raw);
    }

    [Fact]
    public async Task Appends_queued_together_from_many_devices_are_all_stored_byte_for_byte_in_arrival_order_and_seen_after_a_reopen()
    {
        var events = Enumerable.Range(1, 10).SelectMany(seq => Enumerable.Range(1, 30).Select(d => Event($"dev-{d}", seq))).ToList();
        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System))
        {
            // Queued before any completes, so the writer takes them in a few big groups.
            var appends = events.Select(e => buffer.AppendAsync(e.Envelope, e.Raw, CancellationToken.None)).ToList();
            Assert.All(await Task.WhenAll(appends), o => Assert.Equal(AppendOutcome.Stored, o));
            var peeked = await buffer.PeekAsync(1000, CancellationToken.None);
            Assert.Equal(events.Select(e => e.Envelope.Id.ToString()), peeked.Select(p => p.EventId));
            Assert.Equal(events.Select(e => Encoding.UTF8.GetString(e.Raw)), peeked.Select(p => Encoding.UTF8.GetString(p.Envelope.Span)));
            Assert.Equal(events.Select(e => e.Envelope.Dev), peeked.Select(p => p.Device));
            Assert.True(peeked.Zip(peeked.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq));
        }
        using var reopened = new SqliteEventBuffer(DbPath, TimeProvider.System);
        foreach (var (envelope, raw) in events.Take(5).Concat(events.TakeLast(5)))
            Assert.Equal(AppendOutcome.Duplicate, await reopened.AppendAsync(envelope, raw, CancellationToken.None));
        Assert.Equal(events.Count, reopened.Count);
    }

    [Fact]
    public async Task A_repeated_event_inside_a_group_is_acked_as_a_duplicate_and_the_rest_of_the_group_is_stored()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System);
        var first = Event("dev-1", 1);
        var others = Enumerable.Range(2, 20).Select(seq => Event("dev-1", seq)).ToList();
        var appends = new List<Task<AppendOutcome>> { buffer.AppendAsync(first.Envelope, first.Raw, CancellationToken.None) };
        appends.AddRange(others.Take(10).Select(e => buffer.AppendAsync(e.Envelope, e.Raw, CancellationToken.None)));
        var repeat = buffer.AppendAsync(first.Envelope, first.Raw, CancellationToken.None);
        appends.AddRange(others.Skip(10).Select(e => buffer.AppendAsync(e.Envelope, e.Raw, CancellationToken.None)));

        Assert.Equal(AppendOutcome.Duplicate, await repeat);
        Assert.All(await Task.WhenAll(appends), o => Assert.Equal(AppendOutcome.Stored, o));
        var peeked = await buffer.PeekAsync(100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 21).Select(seq => $"dev-1:1:{seq}"), peeked.Select(p => p.EventId));
    }
}
