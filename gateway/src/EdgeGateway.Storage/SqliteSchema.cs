using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// The buffer's tables (schema version 2, <c>PRAGMA user_version</c>). <c>events</c> holds what is still to be
/// forwarded, keyed by an arrival seq the writer hands out and drained by the <c>(prio, seq)</c> index; <c>seen</c> is
/// the persistent de-duplication set of event ids (G3/G6) in arrival order (its rowid), with no index: membership is
/// answered from memory (<see cref="SeenSet"/>), so an id costs a few bytes on the table's last page instead of a
/// random page of a key-ordered index. New files get 1 KB pages: every commit writes each page it touches to the WAL,
/// and a one-event commit touches few. WAL with synchronous=FULL: a commit returns only after the WAL is fsynced.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    /// <summary>The page size of a new file, and of a migrated one small enough to rewrite.</summary>
    public const int PageSize = 1024;

    /// <summary>A migrated file up to this size is rewritten with <see cref="PageSize"/> pages (VACUUM needs as much again free).</summary>
    private const long RewriteUpTo = 64L * 1024 * 1024;

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
            Exec(connection, $"PRAGMA page_size={PageSize};"); // takes effect only on a file not yet written
            Exec(connection, "PRAGMA journal_mode=WAL;");
            Exec(connection, "PRAGMA synchronous=FULL;");
        }
        return connection;
    }

    /// <summary>Creates the tables, or migrates a version-1 file (events with AUTOINCREMENT and a debounce-key index,
    /// seen keyed by id) in one transaction, keeping every buffered event and seen id; a migrated file of up to 64 MB is
    /// then rewritten with 1 KB pages. Call before any other connection opens the file.</summary>
    public static void Create(SqliteConnection connection)
    {
        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version >= Version)
        {
            CreateSnapshotTables(connection);
            return;
        }
        var migrate = HasTable(connection, "events");
        using (var tx = connection.BeginTransaction())
        {
            if (migrate) MigrateFromVersion1(connection);
            else CreateVersion2(connection);
            CreateSnapshotTables(connection);
            Exec(connection, $"PRAGMA user_version={Version};");
            tx.Commit();
        }
        if (migrate && FileBytes(connection.DataSource) <= RewriteUpTo) RewriteWithSmallPages(connection);
    }

    /// <summary>The page size of a WAL file changes only by a VACUUM outside WAL mode; it is atomic (rollback journal).</summary>
    private static void RewriteWithSmallPages(SqliteConnection connection)
    {
        if (Convert.ToInt64(Scalar(connection, "PRAGMA page_size;"), System.Globalization.CultureInfo.InvariantCulture) == PageSize) return;
        Exec(connection, "PRAGMA journal_mode=DELETE;");
        Exec(connection, $"PRAGMA page_size={PageSize};");
        Exec(connection, "VACUUM;");
        Exec(connection, "PRAGMA journal_mode=WAL;");
    }

    /// <summary>The seen-set's ranges as a clean shutdown left them (<see cref="SeenLog"/>), and the last row they cover.</summary>
    private static void CreateSnapshotTables(SqliteConnection connection) => Exec(connection, """
        CREATE TABLE IF NOT EXISTS seen_ranges(dev TEXT NOT NULL, boot INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS seen_snapshot(upto INTEGER NOT NULL);
        """);

    private static long FileBytes(string path) =>
        new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);

    /// <summary>Schema 2's tables: events keyed by the writer's seq, and the seen-set in arrival order (no index).</summary>
    private const string EventsTable = "CREATE TABLE events(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, dev TEXT NOT NULL, type TEXT NOT NULL, "
        + "prio INTEGER NOT NULL, rcv INTEGER NOT NULL, payload BLOB NOT NULL);";

    private const string EventsIndex = "CREATE INDEX events_by_prio ON events(prio, seq);";

    private const string SeenTable = "CREATE TABLE seen(id TEXT NOT NULL, at INTEGER NOT NULL);";

    private static void CreateVersion2(SqliteConnection connection)
    {
        Exec(connection, EventsTable + EventsIndex + SeenTable);
    }

    private static void MigrateFromVersion1(SqliteConnection connection)
    {
        Exec(connection, """
            DROP INDEX IF EXISTS events_by_prio;
            DROP INDEX IF EXISTS events_by_ckey;
            ALTER TABLE events RENAME TO events_v1;
            """ + EventsTable + """
            INSERT INTO events(seq, id, dev, type, prio, rcv, payload) SELECT seq, id, dev, type, prio, rcv, payload FROM events_v1;
            DROP TABLE events_v1;
            """ + EventsIndex);
        if (HasTable(connection, "sqlite_sequence")) Exec(connection, "DELETE FROM sqlite_sequence WHERE name IN ('events', 'events_v1');");
        if (!HasTable(connection, "seen"))
        {
            Exec(connection, SeenTable);
            return;
        }
        Exec(connection, """
            DROP INDEX IF EXISTS seen_by_at;
            ALTER TABLE seen RENAME TO seen_v1;
            """ + SeenTable + """
            INSERT INTO seen(id, at) SELECT id, at FROM seen_v1 ORDER BY at;
            DROP TABLE seen_v1;
            """);
    }

    private static bool HasTable(SqliteConnection connection, string table)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        cmd.Parameters.AddWithValue("$t", table);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
