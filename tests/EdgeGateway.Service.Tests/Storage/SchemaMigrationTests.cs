using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>A buffer.db written by the previous layout (schema 1) opens with its events and seen ids kept.</summary>
public sealed class SchemaMigrationTests : IDisposable
{
    private readonly TempDir _dir = new("migration");

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("buffer.db");

    private static string Envelope(string dev, long seq, string type) =>
        $$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{}}""";

    /// <summary>The layout as the gateway wrote it before schema 2, with a few events and seen ids.</summary>
    private void WriteVersion1File()
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE events(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, dev TEXT NOT NULL, type TEXT NOT NULL,
                prio INTEGER NOT NULL, rcv INTEGER NOT NULL, payload BLOB NOT NULL);
            CREATE INDEX events_by_prio ON events(prio, seq);
            CREATE TABLE seen(id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX seen_by_at ON seen(at);
            ALTER TABLE events ADD COLUMN ckey TEXT NULL;
            CREATE INDEX events_by_ckey ON events(ckey) WHERE ckey IS NOT NULL;
            INSERT INTO seen VALUES('old-1:1:1', 1000), ('cb-1:1:1', 2000), ('pb-1:1:1', 3000), ('cb-1:1:2', 4000);
            """;
        cmd.ExecuteNonQuery();
        // Seq 1 (old-1:1:1) was forwarded and deleted; the rest are still buffered.
        foreach (var (seq, dev, n, type, prio, ckey) in new[]
        {
            (2L, "cb-1", 1L, EventTypes.Checkin, 2, "checkin|cb-1|cb-1:1:1"),
            (3L, "pb-1", 1L, EventTypes.Panic, 0, (string?)null),
            (4L, "cb-1", 2L, EventTypes.Checkin, 2, null),
        })
        {
            cmd.CommandText = "INSERT INTO events(seq, id, dev, type, prio, rcv, payload, ckey) VALUES($s, $id, $dev, $type, $prio, $rcv, $payload, $ckey)";
            cmd.Parameters.Clear();
            cmd.Parameters.AddWithValue("$s", seq);
            cmd.Parameters.AddWithValue("$id", $"{dev}:1:{n}");
            cmd.Parameters.AddWithValue("$dev", dev);
            cmd.Parameters.AddWithValue("$type", type);
            cmd.Parameters.AddWithValue("$prio", prio);
            cmd.Parameters.AddWithValue("$rcv", seq * 1000);
            cmd.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(Envelope(dev, n, type)));
            cmd.Parameters.AddWithValue("$ckey", (object?)ckey ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }
    }

    private static Task<AppendOutcome> AppendAsync(SqliteEventBuffer b, string dev, long seq, string type)
    {
        var raw = Encoding.UTF8.GetBytes(Envelope(dev, seq, type));
        return b.AppendAsync(EnvelopeParser.Parse(raw, dev).Envelope!, raw, null, CancellationToken.None);
    }

    [Fact]
    public async Task A_version_1_file_keeps_its_buffered_events_in_order_and_its_seen_ids_and_gets_small_pages()
    {
        WriteVersion1File();

        using (var buffer = new SqliteEventBuffer(DbPath, TimeProvider.System))
        {
            var events = await buffer.PeekAsync(10, CancellationToken.None);
            Assert.Equal(["pb-1:1:1", "cb-1:1:1", "cb-1:1:2"], events.Select(e => e.EventId));
            Assert.Equal(Envelope("cb-1", 1, EventTypes.Checkin), Encoding.UTF8.GetString(events[1].Envelope.Span));
            Assert.Equal(3, buffer.Count);
            foreach (var id in new[] { "old-1:1:1", "cb-1:1:1", "pb-1:1:1", "cb-1:1:2" }) Assert.True(await buffer.HasSeenAsync(id, CancellationToken.None), id);
            Assert.Equal(AppendOutcome.Duplicate, await AppendAsync(buffer, "old-1", 1, EventTypes.Checkin));
            Assert.Equal(AppendOutcome.Stored, await AppendAsync(buffer, "cb-1", 3, EventTypes.Checkin));
            var newest = (await buffer.PeekAsync(10, CancellationToken.None)).Single(e => e.EventId == "cb-1:1:3");
            Assert.True(newest.Seq > 4, $"a new event got seq {newest.Seq}, not above the migrated ones");
        }

        using var c = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        Assert.Equal(2L, cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA page_size"; // small enough to be rewritten with 1 KB pages
        Assert.Equal(1024L, cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name)";
        Assert.Equal("events_by_prio", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT group_concat(id, ',') FROM (SELECT id FROM seen ORDER BY rowid)";
        Assert.Equal("old-1:1:1,cb-1:1:1,pb-1:1:1,cb-1:1:2,cb-1:1:3", cmd.ExecuteScalar());
    }

    [Fact]
    public void A_new_file_has_1_KB_pages_and_no_index_on_the_seen_set()
    {
        using (new SqliteEventBuffer(DbPath, TimeProvider.System)) { }

        using var c = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA page_size";
        Assert.Equal(1024L, cmd.ExecuteScalar());
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'seen' AND type = 'index'";
        Assert.Equal(0L, cmd.ExecuteScalar());
    }
}
