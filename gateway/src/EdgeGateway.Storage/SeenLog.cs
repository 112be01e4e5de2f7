using EdgeGateway.Contracts.Envelope;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// The table <c>seen</c> behind the <see cref="SeenSet"/>: ids appended in arrival order in the writer's group
/// transaction (so "stored" and "seen" cannot disagree after a crash), pruned from its head, oldest first. Ids pruned
/// by a transaction leave the in-memory set only once it commits. Writer thread only.
/// </summary>
internal sealed class SeenLog : IDisposable
{
    /// <summary>Most ids one maintenance pass prunes.</summary>
    private const int PruneBatch = 10_000;

    private readonly SqliteConnection _c;
    private readonly SeenSet _set;
    private readonly RawStatement _insert;
    private readonly SqliteCommand _head, _deleteHead;
    private readonly List<EventId> _pruned = [];

    public SeenLog(SqliteConnection connection, SeenSet set)
    {
        _c = connection;
        _set = set;
        _insert = new RawStatement(connection, "INSERT INTO seen(id, at) VALUES(?1, ?2)");
        _head = Command("SELECT rowid, id, at FROM seen ORDER BY rowid LIMIT $n", "$n");
        _deleteHead = Command("DELETE FROM seen WHERE rowid <= $last", "$last");
        var upto = LoadSnapshot();
        using (var tail = _c.CreateCommand())
        {
            tail.CommandText = "SELECT id FROM seen WHERE rowid > $upto";
            tail.Parameters.AddWithValue("$upto", upto);
            using var r = tail.ExecuteReader();
            while (r.Read())
            {
                if (EventId.TryParse(r.GetString(0), out var id)) _set.Load(id);
            }
        }
        // A snapshot serves one start: from now on the table changes and only it is the truth. (If even this cannot
        // be written, the disk is full: the buffer still opens, and its disk-full handling takes over.)
        if (upto <= 0) return;
        try
        {
            SqliteSchema.Exec(_c, "BEGIN; DELETE FROM seen_ranges; DELETE FROM seen_snapshot; COMMIT;");
        }
        catch (SqliteException) when (_c.State == System.Data.ConnectionState.Open)
        {
            SqliteSchema.Exec(_c, "ROLLBACK;");
        }
    }

    /// <summary>
    /// Loads the ranges a clean shutdown wrote (<see cref="WriteSnapshot"/>): a few rows per device and boot instead of
    /// a row per id (a full seen-set is a million). Returns the last row of <c>seen</c> they cover, 0 when there is none
    /// (after a crash every row is read).
    /// </summary>
    private long LoadSnapshot()
    {
        using var cmd = _c.CreateCommand();
        cmd.CommandText = "SELECT MAX(upto) FROM seen_snapshot";
        if (cmd.ExecuteScalar() is not long upto) return 0;
        cmd.CommandText = "SELECT dev, boot, lo, hi FROM seen_ranges ORDER BY dev, boot, lo";
        using var r = cmd.ExecuteReader();
        while (r.Read()) _set.LoadRange(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        return upto;
    }

    /// <summary>At a clean shutdown, after the last transaction: the set's ranges, so the next start need not read every id.</summary>
    public void WriteSnapshot()
    {
        using var tx = _c.BeginTransaction();
        using var cmd = _c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "DELETE FROM seen_ranges; DELETE FROM seen_snapshot; INSERT INTO seen_snapshot(upto) SELECT COALESCE(MAX(rowid), 0) FROM seen;";
        cmd.ExecuteNonQuery();
        cmd.CommandText = "INSERT INTO seen_ranges(dev, boot, lo, hi) VALUES($d, $b, $lo, $hi)";
        var d = cmd.Parameters.Add(new SqliteParameter { ParameterName = "$d" });
        var b = cmd.Parameters.Add(new SqliteParameter { ParameterName = "$b" });
        var lo = cmd.Parameters.Add(new SqliteParameter { ParameterName = "$lo" });
        var hi = cmd.Parameters.Add(new SqliteParameter { ParameterName = "$hi" });
        foreach (var range in _set.Ranges())
        {
            (d.Value, b.Value, lo.Value, hi.Value) = (range.Device, range.Boot, range.Lo, range.Hi);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public void Enlist(SqliteTransaction tx)
    {
        foreach (var cmd in new[] { _head, _deleteHead }) cmd.Transaction = tx;
    }

    public void Insert(string id, long atMs)
    {
        _insert.Bind(1, id);
        _insert.Bind(2, atMs);
        _insert.Run();
    }

    /// <summary>Drops from the head the ids older than <paramref name="cutoffMs"/> and, beyond <paramref name="max"/>, the oldest.</summary>
    public void Prune(long cutoffMs, long max)
    {
        var excess = _set.Count - max;
        _head.Parameters[0].Value = PruneBatch;
        long last = 0;
        var taken = 0;
        using (var r = _head.ExecuteReader())
        {
            while (r.Read() && (taken < excess || r.GetInt64(2) < cutoffMs))
            {
                last = r.GetInt64(0);
                if (EventId.TryParse(r.GetString(1), out var id)) _pruned.Add(id);
                taken++;
            }
        }
        if (taken == 0) return;
        _deleteHead.Parameters[0].Value = last;
        _deleteHead.ExecuteNonQuery();
    }

    /// <summary>The transaction committed: what it added is seen for good, what it pruned leaves the set.</summary>
    public void Committed()
    {
        _set.Commit();
        foreach (var id in _pruned) _set.Remove(id);
        _pruned.Clear();
    }

    public void RolledBack()
    {
        _set.Rollback();
        _pruned.Clear();
    }

    private SqliteCommand Command(string sql, params string[] names)
    {
        var cmd = _c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = n });
        return cmd;
    }

    public void Dispose()
    {
        _insert.Dispose();
        foreach (var cmd in new[] { _head, _deleteHead }) cmd.Dispose();
    }
}
