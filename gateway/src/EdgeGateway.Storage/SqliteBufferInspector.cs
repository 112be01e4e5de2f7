using EdgeGateway.Contracts;
using EdgeGateway.Core.Buffer;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// <see cref="IBufferInspector"/> on a read-only connection of its own to the buffer's file (WAL lets it read beside the
/// writer, and it never takes the lock the forwarder's peeks use). Depth is a count per class; the oldest event of a class
/// is the first by arrival on the <c>(prio, seq)</c> index, so it is one index probe however long the backlog.
/// </summary>
internal sealed class SqliteBufferInspector : IBufferInspector, IDisposable
{
    private readonly SqliteEventBuffer _buffer;
    private readonly string _path;
    private readonly object _lock = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _depth, _oldest;

    public SqliteBufferInspector(SqliteEventBuffer buffer)
    {
        _buffer = buffer;
        _path = buffer.FilePath;
        _connection = SqliteSchema.Open(_path, readOnly: true);
        _depth = _connection.CreateCommand();
        _depth.CommandText = "SELECT prio, COUNT(*) FROM events GROUP BY prio";
        _oldest = _connection.CreateCommand();
        _oldest.CommandText = "SELECT rcv FROM events WHERE prio = $p ORDER BY seq LIMIT 1";
        _oldest.Parameters.Add(new SqliteParameter { ParameterName = "$p" });
    }

    public BufferSnapshot Inspect()
    {
        var depth = new long[4];
        var oldest = new long?[4];
        lock (_lock)
        {
            using (var tx = _connection.BeginTransaction(deferred: true))
            {
                _depth.Transaction = tx;
                _oldest.Transaction = tx;
                using (var r = _depth.ExecuteReader())
                {
                    while (r.Read())
                    {
                        var p = r.GetInt32(0);
                        if (p is >= 0 and < 4) depth[p] = r.GetInt64(1);
                    }
                }
                for (var p = 0; p < 4; p++)
                {
                    _oldest.Parameters[0].Value = p;
                    oldest[p] = _oldest.ExecuteScalar() is long at ? at : null;
                }
            }
        }
        var classes = new ClassBacklog[4];
        for (var p = 0; p < 4; p++) classes[p] = new ClassBacklog((PriorityClass)p, depth[p], oldest[p]);
        return new BufferSnapshot(classes, _buffer.UsedBytes, _buffer.Policy.QuotaBytes, FileBytes(_path) + FileBytes(_path + "-wal"));
    }

    private static long FileBytes(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public void Dispose()
    {
        lock (_lock)
        {
            _depth.Dispose();
            _oldest.Dispose();
            _connection.Dispose();
        }
    }
}
