using EdgeGateway.Patrols.Engine;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Storage;

/// <summary>The check-ins the engine has seen (with the round they counted for and their flags), for fraud checks and reports.</summary>
internal static class CheckinStore
{
    /// <summary>Records a check-in; false if its event id was seen before (a resend after a gateway restart).</summary>
    public static bool Insert(SqliteConnection c, SqliteTransaction tx, Checkin tap, string? round, IReadOnlyCollection<string> flags)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT OR IGNORE INTO checkins(event, beacon, checkpoint, uid, at, synced, round, flags) VALUES($e, $b, $cp, $u, $at, $s, $r, $f)";
        cmd.Parameters.AddWithValue("$e", tap.EventId);
        cmd.Parameters.AddWithValue("$b", tap.Beacon);
        cmd.Parameters.AddWithValue("$cp", tap.Checkpoint);
        cmd.Parameters.AddWithValue("$u", tap.Uid);
        cmd.Parameters.AddWithValue("$at", tap.At.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$s", tap.Synced ? 1 : 0);
        cmd.Parameters.AddWithValue("$r", (object?)round ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$f", string.Join(',', flags));
        return cmd.ExecuteNonQuery() == 1;
    }

    public static bool Seen(SqliteConnection c, SqliteTransaction tx, string eventId)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT 1 FROM checkins WHERE event = $e";
        cmd.Parameters.AddWithValue("$e", eventId);
        return cmd.ExecuteScalar() is not null;
    }

    /// <summary>The card's latest tap before this one at another checkpoint, within <paramref name="within"/>.</summary>
    public static (string Checkpoint, DateTimeOffset At)? PreviousElsewhere(SqliteConnection c, SqliteTransaction tx, Checkin tap, TimeSpan within)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT checkpoint, at FROM checkins WHERE uid = $u AND checkpoint <> $cp AND at BETWEEN $from AND $to ORDER BY abs(at - $to) LIMIT 1";
        cmd.Parameters.AddWithValue("$u", tap.Uid);
        cmd.Parameters.AddWithValue("$cp", tap.Checkpoint);
        cmd.Parameters.AddWithValue("$from", (tap.At - within).ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$to", (tap.At + within).ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))) : null;
    }

    /// <summary>How many other cards were tapped at this beacon within <paramref name="within"/> before this tap.</summary>
    public static int OtherCardsAt(SqliteConnection c, SqliteTransaction tx, Checkin tap, TimeSpan within)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT count(DISTINCT uid) FROM checkins WHERE beacon = $b AND uid <> $u AND at BETWEEN $from AND $to";
        cmd.Parameters.AddWithValue("$b", tap.Beacon);
        cmd.Parameters.AddWithValue("$u", tap.Uid);
        cmd.Parameters.AddWithValue("$from", (tap.At - within).ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$to", tap.At.ToUnixTimeMilliseconds());
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
