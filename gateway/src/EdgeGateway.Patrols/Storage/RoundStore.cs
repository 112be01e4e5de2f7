using EdgeGateway.Patrols.Engine;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Storage;

/// <summary>Rounds and their stops in <c>patrols.db</c>; every call runs inside the caller's transaction.</summary>
internal static class RoundStore
{
    public static List<RoundState> LoadOpen(SqliteConnection c, SqliteTransaction tx) =>
        Load(c, tx, "completed IS NULL", []);

    public static List<RoundState> Load(SqliteConnection c, SqliteTransaction? tx, string where, (string Name, object Value)[] args)
    {
        var rounds = new List<RoundState>();
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT id, schedule, route, team, ordered, start, end FROM rounds WHERE {where} ORDER BY start, id";
            foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                rounds.Add(new RoundState(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0, Ms(r.GetInt64(5)), Ms(r.GetInt64(6)), []));
        }
        for (var i = 0; i < rounds.Count; i++) rounds[i] = rounds[i] with { Stops = LoadStops(c, tx, rounds[i].Id) };
        return rounds;
    }

    private static List<StopState> LoadStops(SqliteConnection c, SqliteTransaction? tx, string round)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT idx, checkpoint, name, expected, on_time_until, closes, walk_ms, tapped, card, verdict, event FROM round_stops WHERE round = $r ORDER BY idx";
        cmd.Parameters.AddWithValue("$r", round);
        using var r = cmd.ExecuteReader();
        var stops = new List<StopState>();
        while (r.Read())
        {
            stops.Add(new StopState(r.GetInt32(0), r.GetString(1), r.GetString(2), Ms(r.GetInt64(3)), Ms(r.GetInt64(4)), Ms(r.GetInt64(5)), TimeSpan.FromMilliseconds(r.GetInt64(6)),
                r.IsDBNull(7) ? null : Ms(r.GetInt64(7)), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10)));
        }
        return stops;
    }

    /// <summary>Stores a new round; false if it was opened before (the same schedule and start).</summary>
    public static bool Insert(SqliteConnection c, SqliteTransaction tx, RoundState round)
    {
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT OR IGNORE INTO rounds(id, schedule, route, team, ordered, start, end) VALUES($id, $s, $r, $t, $o, $start, $end)";
            cmd.Parameters.AddWithValue("$id", round.Id);
            cmd.Parameters.AddWithValue("$s", round.Schedule);
            cmd.Parameters.AddWithValue("$r", round.Route);
            cmd.Parameters.AddWithValue("$t", round.Team);
            cmd.Parameters.AddWithValue("$o", round.Ordered ? 1 : 0);
            cmd.Parameters.AddWithValue("$start", round.Start.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$end", round.End.ToUnixTimeMilliseconds());
            if (cmd.ExecuteNonQuery() == 0) return false;
        }
        foreach (var s in round.Stops)
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO round_stops(round, idx, checkpoint, name, expected, on_time_until, closes, walk_ms) VALUES($r, $i, $cp, $n, $e, $o, $c, $w)";
            cmd.Parameters.AddWithValue("$r", round.Id);
            cmd.Parameters.AddWithValue("$i", s.Index);
            cmd.Parameters.AddWithValue("$cp", s.Checkpoint);
            cmd.Parameters.AddWithValue("$n", s.Name);
            cmd.Parameters.AddWithValue("$e", s.Expected.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$o", s.OnTimeUntil.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$c", s.Closes.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$w", (long)s.Walk.TotalMilliseconds);
            cmd.ExecuteNonQuery();
        }
        return true;
    }

    public static void SetVerdict(SqliteConnection c, SqliteTransaction tx, string round, int index, string verdict, Checkin? tap)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE round_stops SET verdict = $v, tapped = $at, card = $card, event = $ev WHERE round = $r AND idx = $i";
        cmd.Parameters.AddWithValue("$v", verdict);
        cmd.Parameters.AddWithValue("$at", tap is null ? DBNull.Value : tap.At.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$card", (object?)tap?.Uid ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$ev", (object?)tap?.EventId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$r", round);
        cmd.Parameters.AddWithValue("$i", index);
        cmd.ExecuteNonQuery();
    }

    public static void Complete(SqliteConnection c, SqliteTransaction tx, string round, DateTimeOffset now)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE rounds SET completed = $now WHERE id = $r";
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$r", round);
        cmd.ExecuteNonQuery();
    }

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
