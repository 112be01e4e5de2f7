using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeGateway.Storage;

/// <summary>
/// A statement prepared once on the writer's connection and run with bind, step and reset, for the statements the writer
/// runs once per event (the event's insert, its seen id). <see cref="SqliteCommand"/> looks up every parameter by name
/// and builds a data reader on each execution; on the ingest path that cost more CPU than SQLite's own insert. It runs
/// inside whatever transaction the connection has open, as the commands do. Writer thread only.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Binds parameter <paramref name="index"/> (1-based, in the order of the SQL).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_stmt, index, value));

    public void Bind(int index, ReadOnlySpan<byte> blob) => Check(raw.sqlite3_bind_blob(_stmt, index, blob));

    /// <summary>Runs a statement that returns no rows; throws <see cref="SqliteException"/> as a command would.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _stmt.Dispose();
}
