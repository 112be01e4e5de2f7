using System.Text;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>The writer's alarm lane: a panic queued behind other appends is committed in the next group, first.</summary>
public sealed class AlarmLaneTests : IDisposable
{
    private const int MaxGroup = 100, Backlog = 500;
    private readonly TempDir _dir = new("lane");

    public void Dispose() => _dir.Dispose();

    private static Task<AppendOutcome> AppendAsync(SqliteEventBuffer b, string dev, long seq, string type)
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{}}""");
        return b.AppendAsync(EnvelopeParser.Parse(raw, dev).Envelope!, raw, null, CancellationToken.None);
    }

    [Fact]
    public async Task A_panic_queued_behind_hundreds_of_appends_is_committed_in_the_next_group_ahead_of_them()
    {
        var path = _dir.File("buffer.db");
        using var buffer = new SqliteEventBuffer(path, TimeProvider.System, new SqliteBufferOptions { MaxGroup = MaxGroup });

        // Another connection holds the write lock: the writer's first group waits on it while the rest queue up.
        using var blocker = new SqliteConnection($"Data Source={path};Pooling=False");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();
        }
        var checkins = new List<Task<AppendOutcome>>();
        for (var s = 1; s <= Backlog; s++) checkins.Add(AppendAsync(buffer, "cb-1", s, EventTypes.Checkin));
        var panic = AppendAsync(buffer, "pb-1", 1, EventTypes.Panic);
        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
        await Eventually.WithinAsync(Task.WhenAll(checkins.Append(panic)), TimeSpan.FromSeconds(30), "every append committed");

        var all = await buffer.PeekAsync(Backlog + 1, CancellationToken.None);
        var panicSeq = all.Single(e => e.Priority == PriorityClass.P0).Seq;
        var committedBefore = all.Count(e => e.Type == EventTypes.Checkin && e.Seq < panicSeq);
        Assert.True(committedBefore <= MaxGroup,
            $"{committedBefore} check-ins queued before the panic were committed before it; only the group already under way ({MaxGroup} at most) may be");
        // Each lane keeps arrival order: the check-ins' seqs follow their own seq.
        var order = all.Where(e => e.Type == EventTypes.Checkin).OrderBy(e => e.Seq).Select(e => e.EventId).ToList();
        Assert.Equal(Enumerable.Range(1, Backlog).Select(s => $"cb-1:1:{s}"), order);
    }
}
