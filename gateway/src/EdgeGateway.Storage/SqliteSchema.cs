using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// The buffer's tables. <c>events</c> holds what is still to be forwarded, drained by (prio, seq), with an
/// optional debounce key <c>ckey</c>; <c>seen</c> is the persistent de-duplication set of event ids (G3/G6),
/// kept after the event is forwarded and pruned oldest-first by <c>at</c>.
/// WAL with synchronous=FULL: a commit returns only after the WAL is fsynced.
/// </summary>
internal static class SqliteSchema
{
    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(cs);
        connection.Open();
        Exec(connection, "PRAGMA busy_timeout=5000;");
        if (!readOnly)
        {
            Exec(connection, "PRAGMA journal_mode=WAL;");
            Exec(connection, "PRAGMA synchronous=FULL;");
        }
        return connection;
    }

    public static void Create(SqliteConnection connection)
    {
        Exec(connection, """
            CREATE TABLE IF NOT EXISTS events(
                seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                id      TEXT    NOT NULL,
                dev     TEXT    NOT NULL,
                type    TEXT    NOT NULL,
                prio    INTEGER NOT NULL,
                rcv     INTEGER NOT NULL,
                payload BLOB    NOT NULL);
            CREATE INDEX IF NOT EXISTS events_by_prio ON events(prio, seq);
            CREATE TABLE IF NOT EXISTS seen(
                id TEXT PRIMARY KEY,
                at INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS seen_by_at ON seen(at);
            """);
        if (!HasColumn(connection, "events", "ckey")) Exec(connection, "ALTER TABLE events ADD COLUMN ckey TEXT NULL;");
        Exec(connection, "CREATE INDEX IF NOT EXISTS events_by_ckey ON events(ckey) WHERE ckey IS NOT NULL;");
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c";
        cmd.Parameters.AddWithValue("$c", column);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
