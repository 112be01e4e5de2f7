using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Health;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Storage;

/// <summary>
/// <see cref="IEventBuffer"/> on one SQLite file in WAL mode with synchronous=FULL.
/// A single writer thread owns the write connection. It takes every queued append (holding the group open for up to
/// <see cref="SqliteBufferOptions.GroupWindow"/> while more are expected, never for a P0), applies them in one
/// transaction together with the deletes after upstream acks recorded since (<see cref="PendingDeletes"/>), commits
/// (one WAL fsync for the whole group), then completes the callers. So under load many devices share one fsync, a
/// delete costs no commit of its own, and no caller is completed before its data is durable (G1).
/// Between groups (at most every <see cref="SqliteBufferOptions.MaintenanceInterval"/>) it expires P2/P3 past
/// their TTL and prunes the seen-set (a write transaction even when there is nothing to delete, so an idle writer
/// still proves it can commit). Quota shedding happens inside the append's own transaction (G7).
/// Reads use a second connection; WAL lets them run beside the writer.
/// </summary>
internal sealed class SqliteEventBuffer : IEventBuffer, IDisposable
{
    /// <summary>Events shed at once when the disk is full (each is at most a few KB).</summary>
    private const int DiskFullShedBatch = 8;

    private bool _diskFull; // writer thread only
    private readonly DiskReserve _reserve;

    private readonly WriteQueue _queue = new();
    private readonly SeenSet _seen = new();
    private readonly PendingDeletes _pending = new();
    private readonly SqliteConnection _reader;
    private readonly object _readerLock = new();
    private readonly SemaphoreSlim _appended = new(0, 1);
    private readonly Thread _writer;
    private readonly TimeProvider _time;
    private readonly SqliteBufferOptions _options;
    private readonly BufferPolicy _policy;
    private readonly GatewayMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly Heartbeat? _heartbeat;
    private readonly SqliteCommand[] _peek = new SqliteCommand[4];
    private readonly SqliteCommand _backlog;
    private long _count;
    private long _usedBytes;
    private volatile bool _lastCommitFailed;

    /// <param name="heartbeat">Ticked after every commit of the writer thread (a group or maintenance, at least every
    /// <see cref="SqliteBufferOptions.MaintenanceInterval"/>), so a writer stuck on a lock or a disk stops it.</param>
    public SqliteEventBuffer(string path, TimeProvider time, SqliteBufferOptions? options = null, GatewayMetrics? metrics = null, ILogger? logger = null,
        BufferPolicy? policy = null, Heartbeat? heartbeat = null)
    {
        _heartbeat = heartbeat;
        _time = time;
        _options = options ?? new SqliteBufferOptions();
        _policy = policy ?? new BufferPolicy();
        _metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _reserve = new DiskReserve(path);
        _reserve.TryTake();
        var write = SqliteSchema.Open(path);
        SqliteSchema.Create(write);
        var writer = new SqliteWriter(write, _options, _policy, _seen, _pending);
        _count = writer.Rows;
        _usedBytes = writer.UsedBytes;
        StorageLog.Opened(_logger, path, writer.Rows, writer.SeenCount);
        _reader = SqliteSchema.Open(path);
        for (var p = 0; p < _peek.Length; p++)
        {
            _peek[p] = _reader.CreateCommand();
            _peek[p].CommandText = "SELECT seq, id, dev, type, prio, rcv, payload FROM events WHERE prio = $p AND seq > $after ORDER BY seq LIMIT $max";
            _peek[p].Parameters.AddWithValue("$p", p);
            _peek[p].Parameters.Add(new SqliteParameter { ParameterName = "$after" });
            _peek[p].Parameters.Add(new SqliteParameter { ParameterName = "$max" });
        }
        _backlog = _reader.CreateCommand();
        _backlog.CommandText = "SELECT prio, COUNT(*) FROM events GROUP BY prio";
        _writer = new Thread(() => WriterLoop(write, writer)) { IsBackground = true, Name = "buffer-writer" };
        _writer.Start();
        if (_count > 0) Signal();
    }

    public string FilePath => _reader.DataSource;

    /// <summary>Events buffered, leaving out those whose delete is recorded but not yet committed.</summary>
    public long Count => Math.Max(0, Interlocked.Read(ref _count) - _pending.Count);

    /// <summary>Bytes counted against the quota after the writer's last transaction.</summary>
    public long UsedBytes => Interlocked.Read(ref _usedBytes);

    public BufferPolicy Policy => _policy;

    /// <summary>The writer thread runs, takes appends, and its last commit succeeded (for <c>/readyz</c>).</summary>
    public bool IsWritable => _writer.IsAlive && !_queue.IsAddingCompleted && !_lastCommitFailed;

    public Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CoalesceRequest? coalesce, CancellationToken cancellationToken)
    {
        var op = WriteOp.Append(envelope, raw, _time.GetUtcNow().ToUnixTimeMilliseconds(), coalesce);
        Enqueue(op);
        return op.Done.Task;
    }

    public Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken) =>
        AppendAsync(envelope, raw, null, cancellationToken);

    public Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, CancellationToken cancellationToken) =>
        PeekAsync(max, new long[4], PriorityClass.P3, cancellationToken);

    /// <summary>Records the deletes (<see cref="PendingDeletes"/>): from now on they are not peeked or counted, and the
    /// writer removes the rows in its next transaction. Seqs no longer buffered (merged, shed) are ignored.</summary>
    public Task DeleteAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        if (_queue.IsAddingCompleted) throw new ObjectDisposedException(nameof(SqliteEventBuffer), "the buffer is shut down");
        _pending.Add(seqs);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, IReadOnlyList<long> afterSeqByClass, PriorityClass lowest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(afterSeqByClass);
        var list = new List<BufferedEvent>();
        lock (_readerLock)
        {
            for (var p = 0; p <= (int)lowest && list.Count < max; p++)
            {
                var after = p < afterSeqByClass.Count ? afterSeqByClass[p] : 0;
                while (list.Count < max && PeekClass(_peek[p], ref after, max - list.Count, list)) { }
            }
        }
        return Task.FromResult<IReadOnlyList<BufferedEvent>>(list);
    }

    /// <summary>Reads up to <paramref name="want"/> rows after <paramref name="after"/>, keeping those not pending deletion;
    /// true when it read all it asked for, so more may follow (some were skipped).</summary>
    private bool PeekClass(SqliteCommand cmd, ref long after, int want, List<BufferedEvent> list)
    {
        cmd.Parameters[1].Value = after;
        cmd.Parameters[2].Value = want;
        var read = 0;
        var kept = 0;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            read++;
            after = r.GetInt64(0);
            if (_pending.Contains(after)) continue;
            kept++;
            var priority = (PriorityClass)r.GetInt32(4);
            _pending.Peeked(after, priority);
            list.Add(new BufferedEvent(after, r.GetString(1), r.GetString(2), r.GetString(3), priority, r.GetInt64(5), (byte[])r.GetValue(6)));
        }
        return read == want && kept < want;
    }

    public Task WaitForAppendAsync(CancellationToken cancellationToken) => _appended.WaitAsync(cancellationToken);

    public Task<bool> HasSeenAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(Contracts.Envelope.EventId.TryParse(eventId, out var id) && _seen.Contains(id));

    /// <summary>Buffered events per class whose delete is recorded but not yet committed.</summary>
    internal long[] PendingDeletesByClass() => _pending.ByClass();

    public Task<IReadOnlyList<long>> BacklogByClassAsync(CancellationToken cancellationToken)
    {
        var counts = new long[4];
        var pending = _pending.ByClass();
        lock (_readerLock)
        {
            using var r = _backlog.ExecuteReader();
            while (r.Read())
            {
                var p = r.GetInt32(0);
                if (p is >= 0 and < 4) counts[p] = Math.Max(0, r.GetInt64(1) - pending[p]);
            }
        }
        return Task.FromResult<IReadOnlyList<long>>(counts);
    }

    private void Enqueue(WriteOp op)
    {
        try
        {
            _queue.Add(op);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteEventBuffer), "the buffer is shut down");
        }
    }

    private void WriterLoop(SqliteConnection connection, SqliteWriter writer)
    {
        using var _ = connection;
        using var __ = writer;
        var maxGroup = _options.MaxGroup;
        var window = new GroupWindow(_options.GroupWindow);
        var group = new List<WriteOp>(maxGroup);
        var outcomes = new List<AppendOutcome?>(maxGroup);
        // Scheduling runs on the monotonic tick count; TTLs are judged on the (wall-clock) TimeProvider.
        var intervalMs = (long)_options.MaintenanceInterval.TotalMilliseconds;
        var nextMaintenance = Environment.TickCount64 + intervalMs;
        while (!_queue.IsCompleted)
        {
            var wait = Math.Clamp(nextMaintenance - Environment.TickCount64, 0, intervalMs);
            if (_queue.TryTake(out var first, TimeSpan.FromMilliseconds(wait))) Commit(connection, writer, first!, group, outcomes, maxGroup, window);
            if (Environment.TickCount64 >= nextMaintenance)
            {
                Maintain(connection, writer);
                nextMaintenance = Environment.TickCount64 + intervalMs;
            }
        }
        if (_pending.Count > 0) Maintain(connection, writer); // shutting down: commit the deletes recorded since
    }

    private void Commit(SqliteConnection connection, SqliteWriter writer, WriteOp first, List<WriteOp> group, List<AppendOutcome?> outcomes, int maxGroup,
        GroupWindow window)
    {
        group.Clear();
        outcomes.Clear();
        group.Add(first);
        while (group.Count < maxGroup && _queue.TryTakeNow(out var more)) group.Add(more!);
        window.Fill(group, _queue, maxGroup);
        var deletes = _pending.Snapshot();
        var before = writer.Rows;
        var inserted = false;
        try
        {
            using (var tx = connection.BeginTransaction())
            {
                writer.Enlist(tx);
                foreach (var seq in deletes) writer.DeleteRow(seq);
                foreach (var op in group)
                {
                    var outcome = writer.Append(op);
                    inserted |= outcome is AppendOutcome.Stored or AppendOutcome.Coalesced;
                    outcomes.Add(outcome);
                }
                tx.Commit(); // WAL + synchronous=FULL: fsync of the WAL happens here, once for the group
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _lastCommitFailed = true;
            writer.Recount();
            Interlocked.Exchange(ref _usedBytes, writer.UsedBytes);
            if (DiskFull.Is(ex)) OnDiskFull(connection, writer, group.Count);
            else StorageLog.CommitFailed(_logger, group.Count, ex.Message);
            foreach (var op in group) op.Done.TrySetException(ex);
            return;
        }
        writer.Committed();
        _pending.Done(deletes);
        _heartbeat?.Tick();
        _lastCommitFailed = false;
        if (_diskFull && _reserve.TryTake())
        {
            _diskFull = false;
            StorageLog.DiskSpaceBack(_logger);
        }
        Interlocked.Add(ref _count, writer.Rows - before);
        Interlocked.Exchange(ref _usedBytes, writer.UsedBytes);
        _metrics?.GroupCommitted(group.Count);
        ReportDropped(writer);
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i] is { } o) group[i].Done.TrySetResult(o);
            else group[i].Done.TrySetException(new BufferFullException());
        }
        if (inserted) Signal();
    }

    /// <summary>
    /// The disk is full: nothing in the group was stored, so nothing is acked and the devices keep their events. Logged
    /// once until a commit succeeds with space to spare again, counted per refused operation. To make room, the
    /// <see cref="DiskReserve"/> is given up, the WAL is checkpointed (its file is then reused rather than grown) and the
    /// oldest P3, then P2 events are shed, never P0/P1; the devices' retries then find space, and the forwarder's deletes
    /// free more.
    /// </summary>
    private void OnDiskFull(SqliteConnection connection, SqliteWriter writer, int refused)
    {
        _metrics?.DiskFull(refused);
        if (!_diskFull)
        {
            _diskFull = true;
            StorageLog.DiskFull(_logger, refused);
        }
        try
        {
            _reserve.Release();
            using (var checkpoint = connection.CreateCommand())
            {
                checkpoint.CommandText = "PRAGMA wal_checkpoint(RESTART);";
                checkpoint.ExecuteNonQuery();
            }
            using var tx = connection.BeginTransaction();
            writer.Enlist(tx);
            var before = writer.Rows;
            writer.ShedForSpace(DiskFullShedBatch);
            tx.Commit();
            writer.Committed();
            Interlocked.Add(ref _count, writer.Rows - before);
            Interlocked.Exchange(ref _usedBytes, writer.UsedBytes);
            ReportDropped(writer);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            writer.Recount(); // no room even to shed: the next attempt tries again
            Interlocked.Exchange(ref _usedBytes, writer.UsedBytes);
        }
    }

    private void Maintain(SqliteConnection connection, SqliteWriter writer)
    {
        var before = writer.Rows;
        var deletes = _pending.Snapshot();
        try
        {
            using var tx = connection.BeginTransaction();
            writer.Enlist(tx);
            foreach (var seq in deletes) writer.DeleteRow(seq);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            writer.Expire(now);
            writer.PruneSeen(now);
            tx.Commit();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            StorageLog.CommitFailed(_logger, 0, ex.Message);
            writer.Recount();
            Interlocked.Exchange(ref _usedBytes, writer.UsedBytes);
            return;
        }
        writer.Committed();
        _pending.Done(deletes);
        _heartbeat?.Tick();
        Interlocked.Add(ref _count, writer.Rows - before);
        Interlocked.Exchange(ref _usedBytes, writer.UsedBytes);
        ReportDropped(writer);
    }

    private void ReportDropped(SqliteWriter writer)
    {
        foreach (var d in writer.Dropped)
        {
            if (d.Expired)
            {
                _metrics?.EventsExpired(d.Priority, 1);
                StorageLog.Expired(_logger, d.EventId, d.Type, d.Priority.ToString(), _policy.TtlOf(d.Priority));
            }
            else
            {
                _metrics?.EventsShed(d.Priority, 1);
                StorageLog.Shed(_logger, d.EventId, d.Type, d.Priority.ToString(), _policy.QuotaMb);
            }
        }
        writer.Dropped.Clear();
    }

    private void Signal()
    {
        if (_appended.CurrentCount > 0) return;
        try { _appended.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        lock (_readerLock)
        {
            foreach (var cmd in _peek) cmd.Dispose();
            _backlog.Dispose();
            _reader.Dispose();
        }
        _queue.Dispose();
        _appended.Dispose();
    }
}
