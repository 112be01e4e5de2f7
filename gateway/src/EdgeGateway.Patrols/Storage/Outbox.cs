using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Storage;

/// <summary>
/// Gateway events decided by the engine, written in the same transaction as the decision and removed once the
/// buffer has them: a missed checkpoint judged just before a crash is still emitted after the restart.
/// </summary>
internal static class Outbox
{
    public static void Add(SqliteConnection c, SqliteTransaction tx, string type, string data)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO outbox(type, data) VALUES($t, $d)";
        cmd.Parameters.AddWithValue("$t", type);
        cmd.Parameters.AddWithValue("$d", data);
        cmd.ExecuteNonQuery();
    }

    public static List<(long Id, string Type, string Data)> Pending(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, type, data FROM outbox ORDER BY id";
        using var r = cmd.ExecuteReader();
        var list = new List<(long, string, string)>();
        while (r.Read()) list.Add((r.GetInt64(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    public static void Remove(SqliteConnection c, long id)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM outbox WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.ExecuteNonQuery();
    }
}
