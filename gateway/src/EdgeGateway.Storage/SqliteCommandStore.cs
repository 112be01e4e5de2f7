using System.Globalization;
using EdgeGateway.Core.Commands;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// The durable command queue per device and the ack ledger, in <c>commands.db</c> beside the buffer (WAL,
/// synchronous=FULL: a queued command is on disk before the cloud is told "queued"). Small and rare writes: one
/// connection under a lock is enough. Commands survive a gateway restart and are handed out until their TTL.
/// </summary>
internal sealed class SqliteCommandStore : IDeviceCommandStore, IAckLedger, IDisposable
{
    public const string FileName = "commands.db";

    private readonly SqliteConnection _c;
    private readonly object _lock = new();
    private long _count;

    public SqliteCommandStore(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _c = SqliteSchema.Open(path);
        Exec("""
            CREATE TABLE IF NOT EXISTS commands(
                id       TEXT PRIMARY KEY,
                dev      TEXT    NOT NULL,
                name     TEXT    NOT NULL,
                payload  BLOB    NOT NULL,
                created  INTEGER NOT NULL,
                expires  INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS commands_dev ON commands(dev, created);
            CREATE TABLE IF NOT EXISTS acks(
                event     TEXT PRIMARY KEY,
                dev       TEXT    NOT NULL,
                by        TEXT    NOT NULL,
                source    TEXT    NOT NULL,
                at        INTEGER NOT NULL,
                command   TEXT    NOT NULL,
                delivery  INTEGER NOT NULL,
                delivered INTEGER);
            CREATE INDEX IF NOT EXISTS acks_command ON acks(command);
            CREATE INDEX IF NOT EXISTS acks_at ON acks(at);
            """);
        _count = Scalar("SELECT COUNT(*) FROM commands");
    }

    public long Count => Interlocked.Read(ref _count);

    public bool TryAdd(DeviceCommand command, int maxPerDevice)
    {
        lock (_lock)
        {
            using var tx = _c.BeginTransaction();
            using var n = Command("SELECT COUNT(*) FROM commands WHERE dev = $dev AND expires > $now", tx);
            n.Parameters.AddWithValue("$dev", command.DeviceId);
            n.Parameters.AddWithValue("$now", command.CreatedAt.ToUnixTimeMilliseconds());
            if (Convert.ToInt64(n.ExecuteScalar(), CultureInfo.InvariantCulture) >= maxPerDevice) return false;
            using var insert = Command("INSERT INTO commands(id, dev, name, payload, created, expires) VALUES($id, $dev, $name, $payload, $created, $expires)", tx);
            insert.Parameters.AddWithValue("$id", command.Id);
            insert.Parameters.AddWithValue("$dev", command.DeviceId);
            insert.Parameters.AddWithValue("$name", command.Name);
            insert.Parameters.AddWithValue("$payload", command.Payload);
            insert.Parameters.AddWithValue("$created", command.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$expires", command.ExpiresAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
            tx.Commit();
            Interlocked.Increment(ref _count);
            return true;
        }
    }

    public IReadOnlyList<DeviceCommand> Pending(string deviceId, DateTimeOffset now)
    {
        lock (_lock)
        {
            using var q = Command("SELECT id, dev, name, payload, created, expires FROM commands WHERE dev = $dev AND expires > $now ORDER BY created, rowid");
            q.Parameters.AddWithValue("$dev", deviceId);
            q.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            return ReadCommands(q);
        }
    }

    public bool Remove(string commandId)
    {
        lock (_lock)
        {
            using var d = Command("DELETE FROM commands WHERE id = $id");
            d.Parameters.AddWithValue("$id", commandId);
            var removed = d.ExecuteNonQuery() > 0;
            if (removed) Interlocked.Decrement(ref _count);
            return removed;
        }
    }

    public IReadOnlyList<DeviceCommand> RemoveExpired(DateTimeOffset now)
    {
        lock (_lock)
        {
            using var d = Command("DELETE FROM commands WHERE expires <= $now RETURNING id, dev, name, payload, created, expires");
            d.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            var expired = ReadCommands(d);
            Interlocked.Add(ref _count, -expired.Count);
            return expired;
        }
    }

    public IReadOnlyList<DeviceCommand> Clear(string deviceId)
    {
        lock (_lock)
        {
            using var d = Command("DELETE FROM commands WHERE dev = $dev RETURNING id, dev, name, payload, created, expires");
            d.Parameters.AddWithValue("$dev", deviceId);
            var cleared = ReadCommands(d);
            Interlocked.Add(ref _count, -cleared.Count);
            return cleared;
        }
    }

    public AckRecord? Find(string eventId) => OneAck("SELECT event, dev, by, source, at, command, delivery, delivered FROM acks WHERE event = $k", eventId);

    public AckRecord? FindByCommand(string commandId) => OneAck("SELECT event, dev, by, source, at, command, delivery, delivered FROM acks WHERE command = $k", commandId);

    public void Put(AckRecord record)
    {
        lock (_lock)
        {
            using var u = Command("""
                INSERT INTO acks(event, dev, by, source, at, command, delivery, delivered) VALUES($e, $d, $b, $s, $a, $c, $v, $x)
                ON CONFLICT(event) DO UPDATE SET dev = $d, by = $b, source = $s, at = $a, command = $c, delivery = $v, delivered = $x
                """);
            u.Parameters.AddWithValue("$e", record.EventId);
            u.Parameters.AddWithValue("$d", record.DeviceId);
            u.Parameters.AddWithValue("$b", record.By);
            u.Parameters.AddWithValue("$s", record.Source);
            u.Parameters.AddWithValue("$a", record.At.ToUnixTimeMilliseconds());
            u.Parameters.AddWithValue("$c", record.CommandId);
            u.Parameters.AddWithValue("$v", (int)record.Delivery);
            u.Parameters.AddWithValue("$x", (object?)record.DeliveredAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            u.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<AckRecord> Recent(int max)
    {
        lock (_lock)
        {
            using var q = Command("SELECT event, dev, by, source, at, command, delivery, delivered FROM acks ORDER BY at DESC LIMIT $n");
            q.Parameters.AddWithValue("$n", max);
            using var r = q.ExecuteReader();
            var list = new List<AckRecord>();
            while (r.Read()) list.Add(ReadAck(r));
            return list;
        }
    }

    private AckRecord? OneAck(string sql, string key)
    {
        lock (_lock)
        {
            using var q = Command(sql);
            q.Parameters.AddWithValue("$k", key);
            using var r = q.ExecuteReader();
            return r.Read() ? ReadAck(r) : null;
        }
    }

    private static AckRecord ReadAck(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        r.GetString(5), (AckDelivery)r.GetInt32(6), r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)));

    private static List<DeviceCommand> ReadCommands(SqliteCommand q)
    {
        using var r = q.ExecuteReader();
        var list = new List<DeviceCommand>();
        while (r.Read())
        {
            list.Add(new DeviceCommand(r.GetString(0), r.GetString(1), r.GetString(2), (byte[])r.GetValue(3),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5))));
        }
        return list;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private void Exec(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var cmd = Command(sql);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _c.Dispose();
        }
    }
}
