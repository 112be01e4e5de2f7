using EdgeGateway.Contracts;
using EdgeGateway.Core.History;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// <see cref="IEventJournal"/> on its own SQLite file (<c>history.db</c> in the data directory), apart from the buffer:
/// its own connections and locks, WAL with synchronous=NORMAL (a crash may lose the last batch of history, never an event
/// of the buffer). After each append it drops events older than the retention, then, while the file's used pages exceed
/// the size cap, the oldest events in chunks; freed pages are handed back to the file system (incremental vacuum).
/// Searches run on a second connection (opened by the first search), newest first, paged by the journal's seq (keyset: <c>seq &lt; cursor</c>).
/// </summary>
internal sealed class SqliteEventJournal : IEventJournal, IDisposable
{
    public const string FileName = "history.db";

    /// <summary>A size prune stops at this share of the cap, so the next appends do not prune again at once.</summary>
    private const double PruneTarget = 0.9;

    /// <summary>Page cache of the writing connection: enough for the pages a batch touches (the tail of the table and of
    /// each index); history.db lives beside the buffer on a Pi with little memory, so not SQLite's default 2 MB.</summary>
    private const int WriteCacheKb = 1024;

    /// <summary>Page cache of the searching connection: a search reads one page of results down an index.</summary>
    private const int ReadCacheKb = 512;

    private readonly SqliteConnection _write;
    private readonly string _path;
    private SqliteConnection? _read;
    private readonly object _writeLock = new(), _readLock = new();
    private readonly SqliteCommand _insert;
    private readonly JournalRetention _retention;
    private readonly TimeProvider _time;

    public SqliteEventJournal(string path, JournalRetention retention, TimeProvider time)
    {
        _retention = retention;
        _time = time;
        _path = path;
        _write = JournalSchema.Open(path, WriteCacheKb);
        JournalSchema.Create(_write);
        _insert = _write.CreateCommand();
        _insert.CommandText = "INSERT INTO journal(id, dev, type, prio, rcv, ts, sync, outcome, data) VALUES($id, $dev, $type, $prio, $rcv, $ts, $sync, $outcome, $data)";
        foreach (var name in new[] { "$id", "$dev", "$type", "$prio", "$rcv", "$ts", "$sync", "$outcome", "$data" })
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
    }

    public void Append(IReadOnlyList<JournalEntry> entries)
    {
        lock (_writeLock)
        {
            using (var tx = _write.BeginTransaction())
            {
                _insert.Transaction = tx;
                foreach (var e in entries)
                {
                    var p = _insert.Parameters;
                    p[0].Value = e.EventId;
                    p[1].Value = e.Device;
                    p[2].Value = e.Type;
                    p[3].Value = (int)e.Priority;
                    p[4].Value = e.ReceivedAtMs;
                    p[5].Value = e.DeviceTimeMs;
                    p[6].Value = e.Synced ? 1 : 0;
                    p[7].Value = e.Outcome;
                    p[8].Value = e.Data;
                    _insert.ExecuteNonQuery();
                }
                tx.Commit();
            }
            Prune();
        }
    }

    /// <summary>Drops what the retention no longer allows: older than <see cref="JournalRetention.Keep"/>, then the oldest beyond the size cap.</summary>
    internal void Prune()
    {
        lock (_writeLock)
        {
            var cutoff = (_time.GetUtcNow() - _retention.Keep).ToUnixTimeMilliseconds();
            JournalSchema.Exec(_write, "DELETE FROM journal WHERE rcv < $cutoff", ("$cutoff", cutoff));
            if (UsedBytes() <= _retention.MaxBytes) return;
            var target = (long)(_retention.MaxBytes * PruneTarget);
            while (UsedBytes() > target)
            {
                var rows = JournalSchema.Scalar(_write, "SELECT COUNT(*) FROM journal");
                if (rows == 0) break;
                var chunk = Math.Max(64, rows / 20);
                JournalSchema.Exec(_write, "DELETE FROM journal WHERE seq IN (SELECT seq FROM journal ORDER BY seq LIMIT $n)", ("$n", chunk));
            }
            JournalSchema.Exec(_write, "PRAGMA incremental_vacuum;");
        }
    }

    /// <summary>Bytes in the file's pages that hold data (free pages excluded).</summary>
    internal long UsedBytes() =>
        (JournalSchema.Scalar(_write, "PRAGMA page_count") - JournalSchema.Scalar(_write, "PRAGMA freelist_count")) * JournalSchema.Scalar(_write, "PRAGMA page_size");

    public Task<JournalPage> QueryAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var items = new List<JournalEntry>(query.Limit + 1);
        lock (_readLock)
        {
            _read ??= JournalSchema.Open(_path, ReadCacheKb); // opened by the first search: a gateway nobody searches keeps no second connection
            using var cmd = JournalSchema.Search(_read, query);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                items.Add(new JournalEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (PriorityClass)r.GetInt32(4),
                    r.GetInt64(5), r.GetInt64(6), r.GetInt64(7) != 0, r.GetString(8), r.GetString(9)));
            }
        }
        long? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Seq;
        }
        return Task.FromResult(new JournalPage(items, next));
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _insert.Dispose();
            _write.Dispose();
        }
        lock (_readLock) _read?.Dispose();
    }
}
