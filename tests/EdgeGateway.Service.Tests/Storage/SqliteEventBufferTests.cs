using System.Text;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Service.Tests.Storage;

public sealed class SqliteEventBufferTests : IDisposable
{
    private readonly TempDir _dir = new("buffer");

    private string DbPath => _dir.File("buffer.db");

    public void Dispose() => _dir.Dispose();

    private static (EventEnvelope Envelope, byte[] Raw) Event(string dev, long seq, string type)
    {
        var json = $$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{}}""";
        var raw = Encoding.UTF8.GetBytes(json);
        return (EnvelopeParser.Parse(raw, dev).Envelope!, raw);
    }

    private static async Task<AppendOutcome> AppendAsync(SqliteEventBuffer b, string dev, long seq, string type)
    {
        var (e, raw) = Event(dev, seq, type);
        return await b.AppendAsync(e, raw, CancellationToken.None);
    }

    [Fact]
    public async Task Events_drain_most_urgent_class_first_then_in_arrival_order()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System);
        await AppendAsync(buffer, "pb-1", 1, EventTypes.Heartbeat);
        await AppendAsync(buffer, "cb-1", 1, EventTypes.Checkin);
        await AppendAsync(buffer, "pb-1", 2, EventTypes.Panic);
        await AppendAsync(buffer, "pb-2", 1, EventTypes.Tamper);
        await AppendAsync(buffer, "pb-1", 3, EventTypes.Cancel);
        var peeked = await buffer.PeekAsync(10, CancellationToken.None);
        Assert.Equal(["pb-1:1:2", "pb-1:1:3", "pb-2:1:1", "cb-1:1:1", "pb-1:1:1"], peeked.Select(e => e.EventId));
        Assert.Equal([PriorityClass.P0, PriorityClass.P0, PriorityClass.P1, PriorityClass.P2, PriorityClass.P3], peeked.Select(e => e.Priority));
    }

    [Fact]
    public async Task An_append_is_in_the_file_when_it_completes()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System);
        Assert.Equal(AppendOutcome.Stored, await AppendAsync(buffer, "pb-1", 1, EventTypes.Panic));
        using var other = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        other.Open();
        using var cmd = other.CreateCommand();
        cmd.CommandText = "SELECT id FROM events";
        Assert.Equal("pb-1:1:1", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task A_seen_id_is_a_duplicate_even_after_forwarding_and_reopening()
    {
        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System))
        {
            await AppendAsync(buffer, "pb-1", 1, EventTypes.Panic);
            var batch = await buffer.PeekAsync(10, CancellationToken.None);
            await buffer.DeleteAsync(batch.Select(e => e.Seq).ToArray(), CancellationToken.None);
            Assert.Equal(0, buffer.Count);
        }
        using var reopened = new SqliteEventBuffer(DbPath, TimeProvider.System);
        Assert.Equal(AppendOutcome.Duplicate, await AppendAsync(reopened, "pb-1", 1, EventTypes.Panic));
        Assert.Equal(AppendOutcome.Stored, await AppendAsync(reopened, "pb-1", 2, EventTypes.Panic));
        Assert.Equal(1, reopened.Count);
    }

    [Fact]
    public async Task Concurrent_appends_are_all_stored_and_group_committed()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System);
        var tasks = Enumerable.Range(1, 500).Select(i => AppendAsync(buffer, $"pb-{i % 10}", i, EventTypes.Heartbeat)).ToArray();
        var outcomes = await Task.WhenAll(tasks);
        Assert.All(outcomes, o => Assert.Equal(AppendOutcome.Stored, o));
        Assert.Equal(500, buffer.Count);
        Assert.Equal(500, (await buffer.PeekAsync(1000, CancellationToken.None)).Select(e => e.EventId).Distinct().Count());
    }
}
