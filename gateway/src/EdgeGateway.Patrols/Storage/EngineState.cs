using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Storage;

/// <summary>Small named values of the engine (how far it has judged) in <c>patrols.db</c>.</summary>
internal static class EngineState
{
    public const string JudgedUntil = "judged_until";

    public static long? GetState(SqliteConnection c, SqliteTransaction? tx, string key)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT value FROM engine_state WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as long?;
    }

    public static void SetState(SqliteConnection c, SqliteTransaction tx, string key, long value)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO engine_state(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }
}
