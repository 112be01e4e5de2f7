using EdgeGateway.Core.Patrols;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Reports;

/// <summary>
/// Round reports from <c>patrols.db</c>: for the CLI (<c>edgegw patrol report</c>) and, through Core's
/// <see cref="IPatrolReports"/>, for the ward console. Reads only; safe beside a running gateway (WAL).
/// </summary>
public sealed class PatrolReports(PatrolDatabase db) : IPatrolReports
{
    public PatrolReport Report(DateTimeOffset since, DateTimeOffset until, string? team) => Build(since, until, team);

    public PatrolActivity Activity(DateTimeOffset now, DateTimeOffset since)
    {
        using var c = db.Connect();
        var members = Members(c);
        var open = RoundStore.Load(c, null, "completed IS NULL", []).Select(r => Round(c, r, members, completed: false)).ToList();
        return new PatrolActivity(now, since, open, Alerts(c, since, members));
    }

    public PatrolReport Build(DateTimeOffset from, DateTimeOffset to, string? team)
    {
        using var c = db.Connect();
        var where = "start >= $from AND start < $to" + (team is null ? "" : " AND team = $team");
        (string, object)[] args = team is null
            ? [("$from", from.ToUnixTimeMilliseconds()), ("$to", to.ToUnixTimeMilliseconds())]
            : [("$from", from.ToUnixTimeMilliseconds()), ("$to", to.ToUnixTimeMilliseconds()), ("$team", team)];
        var members = Members(c);
        var completed = CompletedIds(c, from, to);
        var rounds = RoundStore.Load(c, null, where, args).Select(r => Round(c, r, members, completed.Contains(r.Id))).ToList();
        var outside = Flagged(c, "round IS NULL AND at >= $from AND at < $to", [("$from", from.ToUnixTimeMilliseconds()), ("$to", to.ToUnixTimeMilliseconds())], members);
        return new PatrolReport(from, to, team, rounds, team is null ? outside : outside.Where(f => f.Member is null || MemberTeam(c, f.Card) == team).ToList());
    }

    public string ToJson(DateTimeOffset from, DateTimeOffset to, string? team) => PatrolJson.Serialize(Build(from, to, team));

    public static string ToJson(PatrolReport report) => PatrolJson.Serialize(report);

    /// <summary>Checkpoints judged missed or late whose planned time is at or after <paramref name="since"/>, newest first.</summary>
    private static List<CheckpointAlert> Alerts(SqliteConnection c, DateTimeOffset since, Dictionary<string, string> members)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT s.round, r.route, r.team, s.checkpoint, s.name, s.verdict, s.expected, s.tapped, s.card, r.ordered
            FROM round_stops s JOIN rounds r ON r.id = s.round
            WHERE s.verdict IN ($missed, $late) AND s.expected >= $since ORDER BY s.expected DESC, s.round, s.idx
            """;
        cmd.Parameters.AddWithValue("$missed", Verdicts.Missed);
        cmd.Parameters.AddWithValue("$late", Verdicts.Late);
        cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        var list = new List<CheckpointAlert>();
        while (r.Read())
        {
            var expected = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6));
            DateTimeOffset? tapped = r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7));
            var card = r.IsDBNull(8) ? null : r.GetString(8);
            list.Add(new CheckpointAlert(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), expected, tapped,
                tapped is { } t && r.GetInt64(9) != 0 ? (long)(t - expected).TotalSeconds : null, card, card is null ? null : members.GetValueOrDefault(card)));
        }
        return list;
    }

    private static RoundReport Round(SqliteConnection c, RoundState r, Dictionary<string, string> members, bool completed)
    {
        var flagged = Flagged(c, "round = $r", [("$r", r.Id)], members);
        var flagsOf = flagged.ToDictionary(x => x.EventId, x => x.Flags, StringComparer.Ordinal);
        var stops = r.Stops.Select(s => new StopReport(s.Checkpoint, s.Name, s.Expected, s.Tapped, s.Card,
            s.Card is null ? null : members.GetValueOrDefault(s.Card), s.Verdict,
            s.Tapped is { } t && r.Ordered ? (long)(t - s.Expected).TotalSeconds : null,
            s.Event is not null && flagsOf.TryGetValue(s.Event, out var f) ? f : [])).ToList();
        var walkers = stops.Where(s => s.Card is not null).Select(s => s.Member ?? s.Card!).Distinct().ToList();
        return new RoundReport(r.Id, r.Schedule, r.Route, r.Team, r.Start, r.End, completed,
            stops.Count(s => s.Verdict == Verdicts.OnTime), stops.Count(s => s.Verdict == Verdicts.Late), stops.Count(s => s.Verdict == Verdicts.Missed),
            walkers, stops, flagged);
    }

    private static List<FlaggedCheckin> Flagged(SqliteConnection c, string where, (string Name, object Value)[] args, Dictionary<string, string> members)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT event, beacon, checkpoint, uid, at, flags FROM checkins WHERE {where} AND flags <> '' ORDER BY at";
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        using var r = cmd.ExecuteReader();
        var list = new List<FlaggedCheckin>();
        while (r.Read())
        {
            var uid = r.GetString(3);
            list.Add(new FlaggedCheckin(r.GetString(0), r.GetString(1), r.GetString(2), uid, members.GetValueOrDefault(uid),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5).Split(',')));
        }
        return list;
    }

    private static Dictionary<string, string> Members(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT uid, member FROM cards";
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read()) map[r.GetString(0)] = r.GetString(1);
        return map;
    }

    private static string? MemberTeam(SqliteConnection c, string uid) => Cards.CardStore.Find(c, uid)?.Team;

    private static HashSet<string> CompletedIds(SqliteConnection c, DateTimeOffset from, DateTimeOffset to)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id FROM rounds WHERE completed IS NOT NULL AND start >= $from AND start < $to";
        cmd.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read()) set.Add(r.GetString(0));
        return set;
    }
}
