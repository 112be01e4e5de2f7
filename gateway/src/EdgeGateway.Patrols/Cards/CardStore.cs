using EdgeGateway.Patrols.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Cards;

/// <summary>
/// Patrol cards in <c>patrols.db</c>: enrol, list, revoke, and enrolment by the next tap at a beacon (the CLI
/// writes a pending row, the gateway's observer fills in the UID of the next card tapped there before it expires).
/// </summary>
public sealed class CardStore(PatrolDatabase db)
{
    public void Enrol(string uid, string member, string team, DateTimeOffset now)
    {
        using var c = db.Connect();
        Upsert(c, null, uid, member, team, now);
    }

    public bool Revoke(string uid)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE cards SET revoked = 1 WHERE uid = $u";
        cmd.Parameters.AddWithValue("$u", uid);
        return cmd.ExecuteNonQuery() == 1;
    }

    public PatrolCard? Find(string uid)
    {
        using var c = db.Connect();
        return Find(c, uid);
    }

    internal static PatrolCard? Find(SqliteConnection c, string uid)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT uid, member, team, revoked, enrolled FROM cards WHERE uid = $u";
        cmd.Parameters.AddWithValue("$u", uid);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    public IReadOnlyList<PatrolCard> List()
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT uid, member, team, revoked, enrolled FROM cards ORDER BY team, member, uid";
        using var r = cmd.ExecuteReader();
        var list = new List<PatrolCard>();
        while (r.Read()) list.Add(Read(r));
        return list;
    }

    /// <summary>Asks the running gateway to enrol the next card tapped at <paramref name="beacon"/> before <paramref name="expires"/>.</summary>
    public void RequestEnrolment(string beacon, string member, string team, DateTimeOffset expires)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT OR REPLACE INTO pending_enrolments(beacon, member, team, expires, uid) VALUES($b, $m, $t, $e, NULL)";
        cmd.Parameters.AddWithValue("$b", beacon);
        cmd.Parameters.AddWithValue("$m", member);
        cmd.Parameters.AddWithValue("$t", team);
        cmd.Parameters.AddWithValue("$e", expires.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
    }

    public PendingEnrolment? FindEnrolment(string beacon)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT beacon, member, team, expires, uid FROM pending_enrolments WHERE beacon = $b";
        cmd.Parameters.AddWithValue("$b", beacon);
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new PendingEnrolment(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.IsDBNull(4) ? null : r.GetString(4))
            : null;
    }

    public void CancelEnrolment(string beacon)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM pending_enrolments WHERE beacon = $b";
        cmd.Parameters.AddWithValue("$b", beacon);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// If a card tapped at <paramref name="beacon"/> at <paramref name="now"/> fulfils a pending enrolment, enrols it
    /// (in one transaction with marking the enrolment done) and returns the new card; otherwise null.
    /// </summary>
    internal static PatrolCard? TryFulfil(SqliteConnection c, SqliteTransaction tx, string beacon, string uid, DateTimeOffset now)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE pending_enrolments SET uid = $u WHERE beacon = $b AND uid IS NULL AND expires >= $now RETURNING member, team";
        cmd.Parameters.AddWithValue("$u", uid);
        cmd.Parameters.AddWithValue("$b", beacon);
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        string member, team;
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read()) return null;
            member = r.GetString(0);
            team = r.GetString(1);
        }
        Upsert(c, tx, uid, member, team, now);
        return new PatrolCard(uid, member, team, false, now);
    }

    private static void Upsert(SqliteConnection c, SqliteTransaction? tx, string uid, string member, string team, DateTimeOffset now)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO cards(uid, member, team, revoked, enrolled) VALUES($u, $m, $t, 0, $now)
            ON CONFLICT(uid) DO UPDATE SET member = $m, team = $t, revoked = 0, enrolled = $now
            """;
        cmd.Parameters.AddWithValue("$u", uid);
        cmd.Parameters.AddWithValue("$m", member);
        cmd.Parameters.AddWithValue("$t", team);
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
    }

    private static PatrolCard Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3) != 0, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));
}
