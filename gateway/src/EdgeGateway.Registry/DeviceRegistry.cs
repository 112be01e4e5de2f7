using System.Globalization;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Devices;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Registry;

/// <summary>
/// The device registry: <c>registry.db</c> in the gateway's data directory (SQLite, WAL). Shared by the gateway
/// (authentication, last seen) and the technician CLI (add, provision, revoke), each process with its own
/// connections; WAL lets the CLI write while the gateway reads.
/// </summary>
public sealed class DeviceRegistry
{
    public const string FileName = "registry.db";

    public const int MaxLabelLength = 120;

    private readonly string _connectionString;

    private DeviceRegistry(string connectionString) => _connectionString = connectionString;

    public string Path { get; private init; } = "";

    /// <summary>Opens (and creates if needed) the registry in <paramref name="dataDirectory"/>.</summary>
    public static DeviceRegistry Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();
        var registry = new DeviceRegistry(cs) { Path = path };
        using var c = registry.Connect();
        using (var wal = c.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE IF NOT EXISTS devices(
              id TEXT PRIMARY KEY NOT NULL,
              type TEXT NOT NULL,
              site TEXT NOT NULL,
              checkpoint TEXT NULL,
              secret_hash BLOB NOT NULL,
              salt BLOB NOT NULL,
              mosquitto_hash TEXT NOT NULL,
              state TEXT NOT NULL,
              created INTEGER NOT NULL,
              last_seen INTEGER NULL,
              last_heartbeat INTEGER NULL);
            """;
        cmd.ExecuteNonQuery();
        AddLabelColumn(c);
        return registry;
    }

    /// <summary>Registries made before labels existed get the column (NULL: no label).</summary>
    private static void AddLabelColumn(SqliteConnection c)
    {
        using var probe = c.CreateCommand();
        probe.CommandText = "SELECT COUNT(*) FROM pragma_table_info('devices') WHERE name='label';";
        if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) > 0) return;
        using var alter = c.CreateCommand();
        alter.CommandText = "ALTER TABLE devices ADD COLUMN label TEXT NULL;";
        alter.ExecuteNonQuery();
    }

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL;";
        cmd.ExecuteNonQuery();
        return c;
    }

    /// <summary>Registers a device with its secret (only hashes are stored).</summary>
    /// <exception cref="DuplicateDeviceException">The id is taken.</exception>
    /// <exception cref="ArgumentException">The id, type, site or secret is not acceptable.</exception>
    public void Add(string id, string type, string site, string? checkpoint, string secret, DateTimeOffset now)
    {
        if (!DeviceIds.IsValid(id)) throw new ArgumentException($"device id '{id}' must be 1-64 characters of A-Z a-z 0-9 - _", nameof(id));
        if (!DeviceIds.IsValid(type)) throw new ArgumentException($"device type '{type}' must be 1-64 characters of A-Z a-z 0-9 - _", nameof(type));
        if (!DeviceIds.IsValid(site)) throw new ArgumentException($"site '{site}' must be 1-64 characters of A-Z a-z 0-9 - _", nameof(site));
        if (checkpoint is not null && !DeviceIds.IsValid(checkpoint)) throw new ArgumentException($"checkpoint '{checkpoint}' must be 1-64 characters of A-Z a-z 0-9 - _", nameof(checkpoint));
        if (SecretHasher.Problem(secret) is { } problem) throw new ArgumentException(problem, nameof(secret));

        var salt = SecretHasher.NewSalt();
        var hash = SecretHasher.Hash(secret, salt);
        var mosquitto = SecretHasher.MosquittoHash(secret);
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO devices(id, type, site, checkpoint, secret_hash, salt, mosquitto_hash, state, created)
            VALUES($id, $type, $site, $cp, $hash, $salt, $mq, 'active', $now);
            """;
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$type", type);
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$cp", (object?)checkpoint ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$hash", hash);
        cmd.Parameters.AddWithValue("$salt", salt);
        cmd.Parameters.AddWithValue("$mq", mosquitto);
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        try
        {
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: primary key
        {
            throw new DuplicateDeviceException(id);
        }
    }

    /// <summary>Removes a device (used to roll back a provisioning that did not reach the device).</summary>
    public bool Remove(string id)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM devices WHERE id=$id;";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteNonQuery() > 0;
    }

    public DeviceRecord? Find(string id)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, type, site, checkpoint, state, created, last_seen, last_heartbeat, label FROM devices WHERE id=$id;";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadRecord(r) : null;
    }

    public IReadOnlyList<DeviceRecord> List()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, type, site, checkpoint, state, created, last_seen, last_heartbeat, label FROM devices ORDER BY id;";
        using var r = cmd.ExecuteReader();
        var list = new List<DeviceRecord>();
        while (r.Read()) list.Add(ReadRecord(r));
        return list;
    }

    /// <summary>Marks the device revoked. The running gateway disconnects it within its revocation poll interval.</summary>
    public bool Revoke(string id)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE devices SET state='revoked' WHERE id=$id;";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteNonQuery() > 0;
    }

    /// <summary>Sets the device's location label (free text for people, e.g. "Flat 12, 2nd floor"); null clears it.</summary>
    public bool SetLabel(string id, string? label)
    {
        if (label is { Length: > MaxLabelLength }) throw new ArgumentException($"the label is longer than {MaxLabelLength} characters", nameof(label));
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE devices SET label=$label WHERE id=$id;";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$label", string.IsNullOrWhiteSpace(label) ? DBNull.Value : label.Trim());
        return cmd.ExecuteNonQuery() > 0;
    }

    public IReadOnlySet<string> RevokedIds()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id FROM devices WHERE state='revoked';";
        using var r = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read()) set.Add(r.GetString(0));
        return set;
    }

    /// <summary>Checks a device's secret (PBKDF2, constant-time compare).</summary>
    public VerifyResult Verify(string id, string secret)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT secret_hash, salt, state FROM devices WHERE id=$id;";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return VerifyResult.UnknownDevice;
        var hash = (byte[])r[0];
        var salt = (byte[])r[1];
        var state = ParseState(r.GetString(2));
        if (!SecretHasher.Verify(secret, salt, hash)) return VerifyResult.WrongSecret;
        return state == DeviceState.Revoked ? VerifyResult.Revoked : VerifyResult.Ok;
    }

    /// <summary>Checks a secret against the stored hash (for an idempotent <c>device add</c>).</summary>
    public bool SecretMatches(string id, string secret) => Verify(id, secret) is VerifyResult.Ok or VerifyResult.Revoked;

    /// <summary>The state and salt of one device, or null when unknown (cheap: no hashing).</summary>
    public (DeviceState State, byte[] Salt)? StampOf(string id)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT state, salt FROM devices WHERE id=$id;";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (ParseState(r.GetString(0)), (byte[])r[1]) : null;
    }

    /// <summary>(id, mosquitto hash) of every active device, for the external-broker export.</summary>
    public IReadOnlyList<(string Id, string MosquittoHash)> ActiveMosquittoHashes()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, mosquitto_hash FROM devices WHERE state='active' ORDER BY id;";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }

    /// <summary>Records activity in one transaction: last seen (connect) and last heartbeat, per device.</summary>
    public void RecordActivity(IEnumerable<KeyValuePair<string, DateTimeOffset>> seen, IEnumerable<KeyValuePair<string, DateTimeOffset>> heartbeats)
    {
        using var c = Connect();
        using var tx = c.BeginTransaction();
        foreach (var (column, items) in new[] { ("last_seen", seen), ("last_heartbeat", heartbeats) })
        {
            foreach (var (id, at) in items)
            {
                using var cmd = c.CreateCommand();
                cmd.Transaction = tx;
                // last_seen also moves with a heartbeat: a heartbeat is a sign of life.
                cmd.CommandText = column == "last_seen"
                    ? "UPDATE devices SET last_seen=max(coalesce(last_seen,0),$at) WHERE id=$id;"
                    : "UPDATE devices SET last_heartbeat=max(coalesce(last_heartbeat,0),$at), last_seen=max(coalesce(last_seen,0),$at) WHERE id=$id;";
                cmd.Parameters.AddWithValue("$id", id);
                cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                cmd.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    private static DeviceState ParseState(string s) => s == "revoked" ? DeviceState.Revoked : DeviceState.Active;

    private static DeviceRecord ReadRecord(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        ParseState(r.GetString(4)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        r.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
        r.IsDBNull(8) ? null : r.GetString(8));

    /// <summary>For display: "2026-11-23 05:10:02Z" or "never".</summary>
    public static string Format(DateTimeOffset? t) =>
        t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "never";
}
