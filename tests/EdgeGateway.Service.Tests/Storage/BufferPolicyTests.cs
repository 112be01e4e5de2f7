using System.Text;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>The SQLite buffer's policies on a real file: group commit, TTL across restarts, seen-set bound, in-flight cursors, merges.</summary>
public sealed class BufferPolicyTests : IDisposable
{
    private readonly TempDir _dir = new("buffer-policy");

    private string DbPath => _dir.File("buffer.db");

    public void Dispose() => _dir.Dispose();

    private static (EventEnvelope Envelope, byte[] Raw) Event(string dev, long seq, string type, string data = "{}")
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{{{data}}}}""");
        return (EnvelopeParser.Parse(raw, dev).Envelope!, raw);
    }

    private static Task<AppendOutcome> AppendAsync(SqliteEventBuffer b, string dev, long seq, string type, CoalesceRequest? c = null)
    {
        var (e, raw) = Event(dev, seq, type);
        return b.AppendAsync(e, raw, c, CancellationToken.None);
    }

    [Fact]
    public async Task Concurrent_appends_share_group_commits()
    {
        using var metrics = new GatewayMetrics();
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System, metrics: metrics);
        await Task.WhenAll(Enumerable.Range(1, 400).Select(i => Task.Run(() => AppendAsync(buffer, $"d{i % 20}", i, "test"))));
        Assert.Equal(400, buffer.Count);
        Assert.Equal(400, metrics.CommittedOperations);
        Assert.True(metrics.Commits < 400, $"{metrics.Commits} commits for 400 appends: no fsync was shared");
    }

    [Fact]
    public async Task The_ttl_is_wall_clock_from_receipt_and_survives_a_restart_and_P1_never_expires()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_763_900_000));
        var options = new SqliteBufferOptions { MaintenanceInterval = TimeSpan.FromMilliseconds(20) };
        var policy = new BufferPolicy { TtlP3 = TimeSpan.FromMinutes(10), TtlP2 = TimeSpan.FromHours(1) };
        using (var buffer = new SqliteEventBuffer(DbPath, clock, options, policy: policy))
        {
            await AppendAsync(buffer, "d1", 1, "heartbeat");
            await AppendAsync(buffer, "d1", 2, "test");
            await AppendAsync(buffer, "d1", 3, "tamper");
        }
        clock.Now += TimeSpan.FromMinutes(11); // passed while the gateway was down
        using var metrics = new GatewayMetrics();
        using (var reopened = new SqliteEventBuffer(DbPath, clock, options, metrics, policy: policy))
        {
            await Eventually.TrueAsync(() => metrics.Expired(PriorityClass.P3) == 1, TimeSpan.FromSeconds(5), "the heartbeat to expire");
            Assert.Equal(["d1:1:2", "d1:1:3"], (await reopened.PeekAsync(10, CancellationToken.None)).Select(e => e.EventId).Order());
            clock.Now += TimeSpan.FromDays(30);
            await Eventually.TrueAsync(() => metrics.Expired(PriorityClass.P2) == 1, TimeSpan.FromSeconds(5), "the test event to expire");
            Assert.Equal("d1:1:3", Assert.Single(await reopened.PeekAsync(10, CancellationToken.None)).EventId);
        }
    }

    [Fact]
    public async Task The_seen_set_is_bounded_and_still_recognises_recent_ids_after_a_restart()
    {
        var options = new SqliteBufferOptions { SeenMax = 1000, MaintenanceInterval = TimeSpan.FromMilliseconds(20) };
        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System, options))
        {
            for (var i = 1; i <= 1500; i++) await AppendAsync(buffer, "d1", i, "test");
        }
        using var reopened = new SqliteEventBuffer(DbPath, TimeProvider.System, options);
        Assert.Equal(AppendOutcome.Duplicate, await AppendAsync(reopened, "d1", 1500, "test"));
        await Eventually.TrueAsync(() => SeenCount() <= 1000, TimeSpan.FromSeconds(5), "the seen-set to be pruned");
        Assert.Equal(AppendOutcome.Duplicate, await AppendAsync(reopened, "d1", 1499, "test"));
    }

    private long SeenCount()
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM seen";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task Peek_skips_what_is_in_flight_per_class_and_puts_P0_first()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System);
        for (var i = 1; i <= 6; i++) await AppendAsync(buffer, "d1", i, i % 2 == 0 ? "test" : "heartbeat");
        var first = await buffer.PeekAsync(3, new long[4], PriorityClass.P3, CancellationToken.None);
        Assert.Equal(["d1:1:2", "d1:1:4", "d1:1:6"], first.Select(e => e.EventId));
        var cursor = new long[4];
        foreach (var e in first) cursor[(int)e.Priority] = e.Seq;
        await AppendAsync(buffer, "d2", 1, "panic");
        var next = await buffer.PeekAsync(3, cursor, PriorityClass.P3, CancellationToken.None);
        Assert.Equal(["d2:1:1", "d1:1:1", "d1:1:3"], next.Select(e => e.EventId));
        Assert.Equal(["d2:1:1"], (await buffer.PeekAsync(3, cursor, PriorityClass.P0, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_merge_replaces_the_buffered_row_with_a_new_seq_listing_both_ids()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System);
        var key = new CoalesceRequest("heartbeat|d1|d1:1:1", CoalesceMode.KeepLatest, 0);
        Assert.Equal(AppendOutcome.Stored, await AppendAsync(buffer, "d1", 1, "heartbeat", key));
        var before = Assert.Single(await buffer.PeekAsync(10, CancellationToken.None));
        Assert.Equal(AppendOutcome.Coalesced, await AppendAsync(buffer, "d1", 2, "heartbeat", key with { Repeat = 1 }));
        var after = Assert.Single(await buffer.PeekAsync(10, CancellationToken.None));
        Assert.True(after.Seq > before.Seq); // an in-flight delete of the old seq cannot remove the merge
        Assert.Equal("d1:1:2", after.EventId);
        Assert.Equal(["d1:1:1", "d1:1:2"], CoalescedEnvelope.IdsOf(after.Envelope.Span, after.EventId));
        await buffer.DeleteAsync([before.Seq], CancellationToken.None);
        Assert.Equal(1, buffer.Count);
    }
}
