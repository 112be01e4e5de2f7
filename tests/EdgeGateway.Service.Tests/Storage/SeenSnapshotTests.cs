using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>
/// The seen-set is rebuilt in memory at every start: after a clean shutdown from the ranges it left (a row per device
/// and boot), after a crash from every id in the table. Either way every id seen before is a duplicate.
/// </summary>
public sealed class SeenSnapshotTests : IDisposable
{
    private readonly TempDir _dir = new("seen-snapshot");

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("buffer.db");

    private static Task<AppendOutcome> AppendAsync(SqliteEventBuffer b, string dev, long seq)
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"test","ts":1,"sync":true,"data":{}}""");
        return b.AppendAsync(EnvelopeParser.Parse(raw, dev).Envelope!, raw, null, CancellationToken.None);
    }

    private static long Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_clean_shutdown_leaves_ranges_that_the_next_start_uses_once_and_every_id_stays_a_duplicate()
    {
        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System))
        {
            for (var seq = 1; seq <= 40; seq++) await AppendAsync(buffer, "cb-1", seq);
            await AppendAsync(buffer, "cb-1", 45); // a gap: two ranges
            await AppendAsync(buffer, "cb-2", 7);
        }
        Assert.Equal(3, Scalar(DbPath, "SELECT COUNT(*) FROM seen_ranges"));
        Assert.Equal(1, Scalar(DbPath, "SELECT COUNT(*) FROM seen_snapshot"));

        using var reopened = new SqliteEventBuffer(DbPath, TimeProvider.System);

        Assert.Equal(0, Scalar(DbPath, "SELECT COUNT(*) FROM seen_snapshot")); // used once
        foreach (var (dev, seq) in new[] { ("cb-1", 1L), ("cb-1", 40L), ("cb-1", 45L), ("cb-2", 7L) })
            Assert.Equal(AppendOutcome.Duplicate, await AppendAsync(reopened, dev, seq));
        foreach (var (dev, seq) in new[] { ("cb-1", 41L), ("cb-1", 46L), ("cb-2", 6L) })
            Assert.Equal(AppendOutcome.Stored, await AppendAsync(reopened, dev, seq));
    }

    [Fact]
    public async Task After_a_crash_the_seen_set_is_read_from_every_id_in_the_table()
    {
        var copy = _dir.File("crashed.db");
        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System))
        {
            for (var seq = 1; seq <= 10; seq++) await AppendAsync(buffer, "cb-1", seq);
            // The files as a power cut would leave them: no shutdown, no snapshot.
            File.Copy(DbPath, copy);
            File.Copy(DbPath + "-wal", copy + "-wal");
        }
        Assert.Equal(0, Scalar(copy, "SELECT COUNT(*) FROM seen_snapshot"));

        using var reopened = new SqliteEventBuffer(copy, TimeProvider.System);

        Assert.Equal(AppendOutcome.Duplicate, await AppendAsync(reopened, "cb-1", 1));
        Assert.Equal(AppendOutcome.Duplicate, await AppendAsync(reopened, "cb-1", 10));
        Assert.Equal(AppendOutcome.Stored, await AppendAsync(reopened, "cb-1", 11));
    }
}
