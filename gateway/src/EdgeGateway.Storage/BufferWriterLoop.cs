using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Health;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>
/// The buffer's writer thread (<see cref="SqliteEventBuffer"/>): group commits of the queued appends together with the
/// deletes recorded since, maintenance between groups (TTL expiry, seen-set pruning, deletes when no append comes), and
/// what a full disk needs. Keeps the row and byte counts the buffer reports.
/// </summary>
internal sealed class BufferWriterLoop(
    WriteQueue queue, PendingDeletes pending, DiskReserve reserve, TimeProvider time, SqliteBufferOptions options, BufferPolicy policy,
    GatewayMetrics? metrics, ILogger logger, Heartbeat? heartbeat, Action signal, long rows, long usedBytes)
{
    /// <summary>Events shed at once when the disk is full (each is at most a few KB).</summary>
    private const int DiskFullShedBatch = 8;

    /// <summary>Recorded deletes that get a commit of their own when no append comes to carry them (a backlog drain).</summary>
    private const int DeleteFlushAt = 1024;

    /// <summary>How often an idle writer looks whether the recorded deletes have reached <see cref="DeleteFlushAt"/>.</summary>
    private const long DeletePollMs = 50;

    private readonly WriteQueue _queue = queue;
    private readonly PendingDeletes _pending = pending;
    private readonly DiskReserve _reserve = reserve;
    private readonly TimeProvider _time = time;
    private readonly SqliteBufferOptions _options = options;
    private readonly BufferPolicy _policy = policy;
    private readonly GatewayMetrics? _metrics = metrics;
    private readonly ILogger _logger = logger;
    private readonly Heartbeat? _heartbeat = heartbeat;
    private bool _diskFull; // writer thread only
    private long _count = rows;
    private long _usedBytes = usedBytes;
    private volatile bool _lastCommitFailed;

    /// <summary>Rows in the table after the last transaction.</summary>
    public long Rows => Interlocked.Read(ref _count);

    public long UsedBytes => Interlocked.Read(ref _usedBytes);

    public bool LastCommitFailed => _lastCommitFailed;

    public void Run(SqliteConnection connection, SqliteWriter writer)
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
            if (_pending.Count > 0) wait = Math.Min(wait, DeletePollMs);
            group.Clear();
            if (_queue.TakeInto(group, maxGroup, 1, TimeSpan.FromMilliseconds(wait)) > 0) Commit(connection, writer, group, outcomes, maxGroup, window);
            if (Environment.TickCount64 >= nextMaintenance || _pending.Count >= DeleteFlushAt)
            {
                Maintain(connection, writer);
                nextMaintenance = Environment.TickCount64 + intervalMs;
            }
        }
        if (_pending.Count > 0) Maintain(connection, writer); // shutting down: commit the deletes recorded since
        try
        {
            writer.WriteSeenSnapshot();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            StorageLog.CommitFailed(_logger, 0, ex.Message); // the next start reads every id instead
        }
    }

    /// <param name="group">What was queued (P0 first); the group window may add more before the commit.</param>
    private void Commit(SqliteConnection connection, SqliteWriter writer, List<WriteOp> group, List<AppendOutcome?> outcomes, int maxGroup, GroupWindow window)
    {
        outcomes.Clear();
        // A group holding an alarm carries no deletes: its commit stays as short as it can be.
        var deletes = window.Fill(group, _queue, maxGroup) ? [] : _pending.Snapshot();
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
        if (inserted) signal();
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
}
