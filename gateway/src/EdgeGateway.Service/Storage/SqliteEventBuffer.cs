using System.Collections.Concurrent;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Service.Storage;

/// <summary>
/// <see cref="IEventBuffer"/> on one SQLite file in WAL mode with synchronous=FULL.
/// A single writer thread owns the write connection. It takes every queued append and delete, applies them
/// in one transaction, commits (one WAL fsync for the whole group), then completes the callers. So under load
/// many devices share one fsync, and no caller is completed before its data is durable (G1).
/// Reads use a second connection; WAL lets them run beside the writer.
/// </summary>
internal sealed class SqliteEventBuffer : IEventBuffer, IDisposable
{
    private readonly BlockingCollection<WriteOp> _queue = new();
    private readonly SqliteConnection _reader;
    private readonly object _readerLock = new();
    private readonly SemaphoreSlim _appended = new(0, 1);
    private readonly Thread _writer;
    private readonly TimeProvider _time;
    private readonly int _maxGroup;
    private long _count;

    public SqliteEventBuffer(string path, TimeProvider time, int maxGroup = 1024)
    {
        _time = time;
        _maxGroup = maxGroup;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var write = SqliteSchema.Open(path);
        SqliteSchema.Create(write);
        _count = Scalar(write, "SELECT COUNT(*) FROM events");
        _reader = SqliteSchema.Open(path);
        _writer = new Thread(() => WriterLoop(write)) { IsBackground = true, Name = "buffer-writer" };
        _writer.Start();
        if (_count > 0) Signal();
    }

    public string FilePath => _reader.DataSource;

    public long Count => Interlocked.Read(ref _count);

    public Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        var op = WriteOp.Append(envelope, raw, _time.GetUtcNow().ToUnixTimeMilliseconds());
        Enqueue(op);
        return op.Done.Task;
    }

    public Task DeleteAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        var op = WriteOp.Delete(seqs);
        Enqueue(op);
        return op.Done.Task;
    }

    public Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        lock (_readerLock)
        {
            using var cmd = _reader.CreateCommand();
            cmd.CommandText = "SELECT seq, id, dev, type, prio, rcv, payload FROM events ORDER BY prio, seq LIMIT $max";
            cmd.Parameters.AddWithValue("$max", max);
            using var r = cmd.ExecuteReader();
            var list = new List<BufferedEvent>();
            while (r.Read())
            {
                list.Add(new BufferedEvent(
                    r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                    (PriorityClass)r.GetInt32(4), r.GetInt64(5), (byte[])r.GetValue(6)));
            }
            return Task.FromResult<IReadOnlyList<BufferedEvent>>(list);
        }
    }

    public Task WaitForAppendAsync(CancellationToken cancellationToken) => _appended.WaitAsync(cancellationToken);

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

    private void WriterLoop(SqliteConnection connection)
    {
        using var _ = connection;
        using var insertSeen = Prepare(connection, "INSERT OR IGNORE INTO seen(id, at) VALUES($id, $at)", "$id", "$at");
        using var insertEvent = Prepare(connection,
            "INSERT INTO events(id, dev, type, prio, rcv, payload) VALUES($id, $dev, $type, $prio, $rcv, $payload)",
            "$id", "$dev", "$type", "$prio", "$rcv", "$payload");
        using var deleteEvent = Prepare(connection, "DELETE FROM events WHERE seq = $seq", "$seq");
        var group = new List<WriteOp>(_maxGroup);
        var outcomes = new List<AppendOutcome>(_maxGroup);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            group.Clear();
            outcomes.Clear();
            group.Add(first);
            while (group.Count < _maxGroup && _queue.TryTake(out var more)) group.Add(more);
            long stored = 0, deleted = 0;
            try
            {
                using (var tx = connection.BeginTransaction())
                {
                    insertSeen.Transaction = insertEvent.Transaction = deleteEvent.Transaction = tx;
                    foreach (var op in group)
                    {
                        if (op.Envelope is null)
                        {
                            foreach (var seq in op.Deletes!)
                            {
                                deleteEvent.Parameters[0].Value = seq;
                                deleted += deleteEvent.ExecuteNonQuery();
                            }
                            outcomes.Add(AppendOutcome.Stored);
                            continue;
                        }
                        var outcome = Append(insertSeen, insertEvent, op);
                        if (outcome == AppendOutcome.Stored) stored++;
                        outcomes.Add(outcome);
                    }
                    tx.Commit(); // WAL + synchronous=FULL: fsync of the WAL happens here, once for the group
                }
            }
            catch (Exception ex)
            {
                foreach (var op in group) op.Done.TrySetException(ex);
                continue;
            }
            Interlocked.Add(ref _count, stored - deleted);
            for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(outcomes[i]);
            if (stored > 0) Signal();
        }
    }

    private static AppendOutcome Append(SqliteCommand insertSeen, SqliteCommand insertEvent, WriteOp op)
    {
        var env = op.Envelope!;
        var id = env.Id.ToString();
        insertSeen.Parameters[0].Value = id;
        insertSeen.Parameters[1].Value = op.ReceivedAtMs;
        if (insertSeen.ExecuteNonQuery() == 0) return AppendOutcome.Duplicate;
        insertEvent.Parameters[0].Value = id;
        insertEvent.Parameters[1].Value = env.Dev;
        insertEvent.Parameters[2].Value = env.Type;
        insertEvent.Parameters[3].Value = (int)env.Priority;
        insertEvent.Parameters[4].Value = op.ReceivedAtMs;
        insertEvent.Parameters[5].Value = op.Raw.ToArray();
        insertEvent.ExecuteNonQuery();
        return AppendOutcome.Stored;
    }

    private void Signal()
    {
        if (_appended.CurrentCount > 0) return;
        try { _appended.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = n });
        return cmd;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        lock (_readerLock) _reader.Dispose();
        _queue.Dispose();
        _appended.Dispose();
    }
}
