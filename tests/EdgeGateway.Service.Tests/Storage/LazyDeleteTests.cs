using System.Text;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>
/// The delete after the upstream ack is recorded at once and committed with the writer's next transaction. A power cut
/// in between is a copy of the file and its WAL taken at that moment: the acked event comes back (sent again with its
/// id, G3), and an event not acked is never missing.
/// </summary>
public sealed class LazyDeleteTests : IDisposable
{
    private readonly TempDir _dir = new("lazy-delete");

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("buffer.db");

    /// <summary>No maintenance pass during the test: only an append's group can commit the deletes.</summary>
    private static SqliteBufferOptions Options => new() { MaintenanceInterval = TimeSpan.FromHours(1) };

    private static Task<AppendOutcome> AppendAsync(SqliteEventBuffer b, string dev, long seq, string type = EventTypes.Checkin)
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{}}""");
        return b.AppendAsync(EnvelopeParser.Parse(raw, dev).Envelope!, raw, null, CancellationToken.None);
    }

    /// <summary>The ids in the buffer as a power cut now would leave them: a copy of the file and its WAL, opened afresh.</summary>
    private List<string> IdsAfterPowerCut(string name)
    {
        var copy = _dir.File(name + ".db");
        File.Copy(DbPath, copy);
        if (File.Exists(DbPath + "-wal")) File.Copy(DbPath + "-wal", copy + "-wal");
        using var c = new SqliteConnection($"Data Source={copy};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id FROM events ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read()) ids.Add(r.GetString(0));
        return ids;
    }

    [Fact]
    public async Task An_acked_event_is_gone_from_peeks_at_once_and_a_power_cut_before_the_next_commit_only_sends_it_again()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System, Options);
        await AppendAsync(buffer, "cb-1", 1);
        await AppendAsync(buffer, "cb-1", 2);
        var acked = (await buffer.PeekAsync(1, CancellationToken.None)).Single();
        Assert.Equal("cb-1:1:1", acked.EventId);

        await buffer.DeleteAsync([acked.Seq], CancellationToken.None);

        Assert.Equal(["cb-1:1:2"], (await buffer.PeekAsync(10, CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(1, buffer.Count);
        Assert.Equal([0L, 0L, 1L, 0L], await buffer.BacklogByClassAsync(CancellationToken.None));
        // Not committed yet: after a power cut the acked event is still there (sent again), the other one too.
        Assert.Equal(["cb-1:1:1", "cb-1:1:2"], IdsAfterPowerCut("cut-before"));

        await AppendAsync(buffer, "cb-1", 3); // its group commits the delete

        Assert.Equal(["cb-1:1:2", "cb-1:1:3"], IdsAfterPowerCut("cut-after"));
        Assert.Equal(2, buffer.Count);
    }

    [Fact]
    public async Task Deletes_with_no_append_after_them_are_committed_by_the_next_maintenance_and_on_shutdown()
    {
        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System, new SqliteBufferOptions { MaintenanceInterval = TimeSpan.FromMilliseconds(50) }))
        {
            await AppendAsync(buffer, "cb-1", 1);
            await AppendAsync(buffer, "cb-1", 2);
            var first = (await buffer.PeekAsync(1, CancellationToken.None)).Single();
            await buffer.DeleteAsync([first.Seq], CancellationToken.None);
            await Eventually.TrueAsync(() => IdsAfterPowerCut("cut-" + Guid.NewGuid().ToString("N")).SequenceEqual(["cb-1:1:2"]),
                TimeSpan.FromSeconds(10), "the maintenance pass to commit the delete");
        }
        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System, Options))
        {
            var second = (await buffer.PeekAsync(1, CancellationToken.None)).Single();
            await buffer.DeleteAsync([second.Seq], CancellationToken.None);
        } // Dispose commits what is pending
        Assert.Empty(IdsAfterPowerCut("cut-shutdown"));
    }

    [Fact]
    public async Task A_delete_of_a_row_merged_away_meanwhile_leaves_the_merged_row_counted_and_sent()
    {
        using var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System, Options);
        var key = new Core.Debounce.CoalesceRequest("heartbeat|d1|d1:1:1", Core.Debounce.CoalesceMode.KeepLatest, 0);
        var raw1 = Encoding.UTF8.GetBytes("""{"v":1,"dev":"d1","boot":1,"seq":1,"type":"heartbeat","ts":1,"sync":true,"data":{}}""");
        await buffer.AppendAsync(EnvelopeParser.Parse(raw1, "d1").Envelope!, raw1, key, CancellationToken.None);
        var inFlight = (await buffer.PeekAsync(1, CancellationToken.None)).Single();
        var raw2 = Encoding.UTF8.GetBytes("""{"v":1,"dev":"d1","boot":1,"seq":2,"type":"heartbeat","ts":2,"sync":true,"data":{}}""");
        Assert.Equal(AppendOutcome.Coalesced,
            await buffer.AppendAsync(EnvelopeParser.Parse(raw2, "d1").Envelope!, raw2, key with { Repeat = 1 }, CancellationToken.None));

        await buffer.DeleteAsync([inFlight.Seq], CancellationToken.None);

        Assert.Equal(1, buffer.Count);
        Assert.Equal("d1:1:2", (await buffer.PeekAsync(10, CancellationToken.None)).Single().EventId);
        Assert.Equal(PriorityClass.P3, (await buffer.PeekAsync(10, CancellationToken.None)).Single().Priority);
    }
}
