using EdgeGateway.Contracts;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// The statements the buffer's writer thread runs inside its group transactions: append (with de-duplication,
/// debounce merging and quota shedding), delete, TTL expiry and seen-set pruning. Not thread-safe: only the
/// writer thread uses it. Keeps the byte and row accounting the quota needs.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    /// <summary>Bytes charged per buffered row beyond its payload (columns, index entry, seen id, page slack).</summary>
    public const int RowOverhead = 160;

    /// <summary>Most debounce groups whose row the writer remembers (<see cref="CoalesceIndex"/>).</summary>
    private const int CoalesceKeys = 65_536;

    private readonly SqliteConnection _c;
    private readonly SqliteBufferOptions _options;
    private readonly BufferPolicy _policy;
    private readonly long _quotaBytes;
    private readonly SeenLog _seen;
    private readonly SeenSet _seenSet;
    private readonly CoalesceIndex _keys = new(CoalesceKeys);
    private readonly RawStatement _insertEvent;
    private readonly SqliteCommand _deleteEvent, _findSeq, _oldest;
    private readonly List<DroppedEvent> _dropped = [];
    private readonly PendingDeletes _deletes;
    private readonly List<long> _removed = []; // rows deleted by the open transaction
    private long _nextSeq;

    public SqliteWriter(SqliteConnection connection, SqliteBufferOptions options, BufferPolicy policy, SeenSet seen, PendingDeletes deletes)
    {
        _deletes = deletes;
        _c = connection;
        _options = options;
        _policy = policy;
        _quotaBytes = policy.QuotaBytes;
        _seenSet = seen;
        _seen = new SeenLog(connection, seen);
        _insertEvent = new RawStatement(connection, "INSERT INTO events(seq, id, dev, type, prio, rcv, payload) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        _deleteEvent = Prepare("DELETE FROM events WHERE seq = $seq RETURNING length(payload)", "$seq");
        _findSeq = Prepare("SELECT id, rcv, payload FROM events WHERE seq = $s", "$s");
        _oldest = Prepare("SELECT seq, id, type, rcv FROM events WHERE prio = $p ORDER BY seq LIMIT $n", "$p", "$n");
        Rows = Scalar("SELECT COUNT(*) FROM events");
        UsedBytes = Scalar("SELECT COALESCE(SUM(length(payload)), 0) FROM events") + (Rows * RowOverhead);
        // Seqs only grow while the process runs (the forwarder's cursors rely on it); after a restart the cursors
        // start again from zero, so continuing from the highest buffered seq is enough.
        _nextSeq = Scalar("SELECT COALESCE(MAX(seq), 0) FROM events") + 1;
    }

    public long Rows { get; private set; }

    public long UsedBytes { get; private set; }

    public long SeenCount => _seenSet.Count;

    /// <summary>Events dropped by policy in the current transaction; reported and cleared after it commits.</summary>
    public List<DroppedEvent> Dropped => _dropped;

    public void Enlist(SqliteTransaction tx)
    {
        foreach (var cmd in new[] { _deleteEvent, _findSeq, _oldest }) cmd.Transaction = tx;
        _seen.Enlist(tx);
    }

    /// <summary>At a clean shutdown: see <see cref="SeenLog.WriteSnapshot"/>.</summary>
    public void WriteSeenSnapshot() => _seen.WriteSnapshot();

    /// <summary>The writer's transaction committed.</summary>
    public void Committed()
    {
        _seen.Committed();
        foreach (var seq in _removed) _deletes.Gone(seq);
        _removed.Clear();
    }

    /// <summary>Applies one append; null means refused (quota reached, nothing sheddable): not stored, must not be acked.</summary>
    public AppendOutcome? Append(WriteOp op)
    {
        var env = op.Envelope!;
        if (!_seenSet.TryAdd(env.Id)) return AppendOutcome.Duplicate;
        var id = env.Id.ToString();

        var c = op.Coalesce;
        ReadOnlyMemory<byte> payload;
        var rowId = id;
        var rcv = op.ReceivedAtMs;
        long? replace = null;
        long replacedBytes = 0;
        if (c is null)
        {
            payload = op.Raw; // bound and inserted right away: no copy
        }
        else if (FindByKey(c.Key) is { } existing)
        {
            payload = CoalescedEnvelope.Merge(existing.Payload, existing.Id, op.Raw.Span, id, c);
            if (c.Mode == CoalesceMode.KeepFirst)
            {
                rowId = existing.Id;
                rcv = existing.Rcv;
            }
            replace = existing.Seq;
            replacedBytes = existing.Payload.Length + RowOverhead;
        }
        else
        {
            payload = CoalescedEnvelope.Annotate(op.Raw.Span, id, c.Repeat);
        }

        if (!EnsureRoom(payload.Length + RowOverhead - replacedBytes))
        {
            _seenSet.Remove(env.Id);
            return null;
        }
        _seen.Insert(id, op.ReceivedAtMs);
        // A merge deletes the old row and inserts the merged one with a new seq: if the old row is in flight,
        // the forwarder's delete of its seq cannot remove the merge, which is sent after it (ids repeated, G3).
        if (replace is { } seq) DeleteRow(seq);
        var newSeq = _nextSeq++;
        _insertEvent.Bind(1, newSeq);
        _insertEvent.Bind(2, rowId);
        _insertEvent.Bind(3, env.Dev);
        _insertEvent.Bind(4, env.Type);
        _insertEvent.Bind(5, (long)env.Priority);
        _insertEvent.Bind(6, rcv);
        _insertEvent.Bind(7, payload.Span);
        _insertEvent.Run();
        if (c is not null) _keys.Set(c.Key, newSeq);
        Rows++;
        UsedBytes += payload.Length + RowOverhead;
        return replace is null ? AppendOutcome.Stored : AppendOutcome.Coalesced;
    }

    /// <summary>Deletes a row if it is still there; true when it was.</summary>
    public bool DeleteRow(long seq)
    {
        _deleteEvent.Parameters[0].Value = seq;
        var len = _deleteEvent.ExecuteScalar();
        if (len is null or DBNull) return false;
        _removed.Add(seq);
        Rows--;
        UsedBytes -= Convert.ToInt64(len, System.Globalization.CultureInfo.InvariantCulture) + RowOverhead;
        return true;
    }

    /// <summary>Sheds by <see cref="BufferPolicy.ShedOrder"/>, oldest first, until <paramref name="need"/> more bytes fit the quota.</summary>
    private bool EnsureRoom(long need)
    {
        foreach (var prio in BufferPolicy.ShedOrder)
        {
            while (UsedBytes + need > _quotaBytes)
            {
                var victims = Oldest(prio, 64);
                if (victims.Count == 0) break;
                foreach (var v in victims)
                {
                    if (UsedBytes + need <= _quotaBytes) break;
                    if (DeleteRow(v.Seq)) _dropped.Add(new DroppedEvent(v.Id, v.Type, prio, Expired: false));
                }
            }
        }
        return UsedBytes + need <= _quotaBytes;
    }

    /// <summary>The disk is full: drops up to <paramref name="max"/> of the oldest P3, then P2 events (G7's order; never P0/P1).</summary>
    public int ShedForSpace(int max)
    {
        var shed = 0;
        foreach (var prio in BufferPolicy.ShedOrder)
        {
            foreach (var v in Oldest(prio, max - shed))
            {
                if (DeleteRow(v.Seq)) _dropped.Add(new DroppedEvent(v.Id, v.Type, prio, Expired: false));
                shed++;
            }
            if (shed >= max) break;
        }
        return shed;
    }

    /// <summary>Drops P2/P3 events older than their class TTL (wall clock, from receipt). Bounded work per call.</summary>
    public void Expire(long nowMs)
    {
        foreach (var (prio, ttl) in _policy.Expiring())
        {
            var cutoff = nowMs - (long)ttl.TotalMilliseconds;
            for (var round = 0; round < 16; round++)
            {
                var head = Oldest(prio, 256);
                var expired = 0;
                foreach (var v in head.Where(v => v.Rcv < cutoff))
                {
                    if (DeleteRow(v.Seq)) _dropped.Add(new DroppedEvent(v.Id, v.Type, prio, Expired: true));
                    expired++;
                }
                if (expired < head.Count || head.Count == 0) break;
            }
        }
    }

    /// <summary>Keeps the seen-set within <see cref="SqliteBufferOptions.SeenMax"/> ids and its retention.</summary>
    public void PruneSeen(long nowMs) =>
        _seen.Prune(nowMs - (long)_options.SeenRetention.TotalMilliseconds, _options.SeenMax);

    /// <summary>Re-reads the accounting after a failed transaction rolled back.</summary>
    public void Recount()
    {
        _seen.RolledBack();
        _removed.Clear();
        Rows = Scalar("SELECT COUNT(*) FROM events");
        UsedBytes = Scalar("SELECT COALESCE(SUM(length(payload)), 0) FROM events") + (Rows * RowOverhead);
        _dropped.Clear();
    }

    private (long Seq, string Id, long Rcv, byte[] Payload)? FindByKey(string key)
    {
        if (!_keys.TryGet(key, out var seq)) return null;
        _findSeq.Parameters[0].Value = seq;
        using var r = _findSeq.ExecuteReader();
        if (!r.Read()) return null; // forwarded, shed or merged since
        return (seq, r.GetString(0), r.GetInt64(1), (byte[])r.GetValue(2));
    }

    private List<(long Seq, string Id, string Type, long Rcv)> Oldest(PriorityClass prio, int n)
    {
        _oldest.Parameters[0].Value = (int)prio;
        _oldest.Parameters[1].Value = n;
        var list = new List<(long, string, string, long)>(n);
        using var r = _oldest.ExecuteReader();
        while (r.Read()) list.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return list;
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var cmd = _c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = n });
        return cmd;
    }

    private long Scalar(string sql)
    {
        using var cmd = _c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _insertEvent.Dispose();
        foreach (var cmd in new[] { _deleteEvent, _findSeq, _oldest }) cmd.Dispose();
        _seen.Dispose();
    }
}
