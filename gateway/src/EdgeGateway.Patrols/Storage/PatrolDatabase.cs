using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Storage;

/// <summary>
/// <c>patrols.db</c> in the gateway's data directory, beside the buffer (SQLite, WAL, mode 600: it names patrol
/// members). Cards and pending enrolments are shared with the technician CLI; rounds, their stops, the check-ins
/// seen and the outbox of events still to hand to the buffer belong to the round engine.
/// </summary>
public sealed class PatrolDatabase
{
    public const string FileName = "patrols.db";

    private readonly string _connectionString;

    private PatrolDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();
    }

    public string Path { get; }

    public static PatrolDatabase Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            using (File.Create(path)) { }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var db = new PatrolDatabase(path);
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;" + PatrolSchema.Create;
        cmd.ExecuteNonQuery();
        return db;
    }

    public SqliteConnection Connect()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
        cmd.ExecuteNonQuery();
        return c;
    }
}
