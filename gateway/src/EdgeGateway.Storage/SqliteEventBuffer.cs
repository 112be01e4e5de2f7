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
    private readonly WriteQueue _queue = new();
    private readonly SeenSet _seen = new();
    private readonly PendingDeletes _pending = new();
    private readonly SqliteConnection _reader;
    private readonly object _readerLock = new();
    private readonly SemaphoreSlim _appended = new(0, 1);
    private readonly Thread _writer;
    private readonly BufferWriterLoop _loop;
    private readonly TimeProvider _time;
    private readonly BufferPolicy _policy;
    private readonly SqliteCommand[] _peek = new SqliteCommand[4];
    private readonly SqliteCommand _backlog;

    /// <param name="heartbeat">Ticked after every commit of the writer thread (a group or maintenance, at least every
    /// <see cref="SqliteBufferOptions.MaintenanceInterval"/>), so a writer stuck on a lock or a disk stops it.</param>
    public SqliteEventBuffer(string path, TimeProvider time, SqliteBufferOptions? options = null, GatewayMetrics? metrics = null, ILogger? logger = null,
        BufferPolicy? policy = null, Heartbeat? heartbeat = null)
    {
        _time = time;
        options ??= new SqliteBufferOptions();
        _policy = policy ?? new BufferPolicy();
        logger ??= NullLogger.Instance;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var reserve = new DiskReserve(path);
        reserve.TryTake();
        var write = SqliteSchema.Open(path);
        SqliteSchema.Create(write);
        var writer = new SqliteWriter(write, options, _policy, _seen, _pending);
        StorageLog.Opened(logger, path, writer.Rows, writer.SeenCount);
        _loop = new BufferWriterLoop(_queue, _pending, reserve, time, options, _policy, metrics, logger, heartbeat, Signal, writer.Rows, writer.UsedBytes);
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
        _writer = new Thread(() => _loop.Run(write, writer)) { IsBackground = true, Name = "buffer-writer" };
        _writer.Start();
        if (writer.Rows > 0) Signal();
    }

    public string FilePath => _reader.DataSource;

    /// <summary>Events buffered, leaving out those whose delete is recorded but not yet committed.</summary>
    public long Count => Math.Max(0, _loop.Rows - _pending.Count);

    /// <summary>Bytes counted against the quota after the writer's last transaction.</summary>
    public long UsedBytes => _loop.UsedBytes;

    public BufferPolicy Policy => _policy;

    /// <summary>The writer thread runs, takes appends, and its last commit succeeded (for <c>/readyz</c>).</summary>
    public bool IsWritable => _writer.IsAlive && !_queue.IsAddingCompleted && !_loop.LastCommitFailed;

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
        _appended.Dispose();
    }
}
