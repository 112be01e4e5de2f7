using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Fraud;
using EdgeGateway.Patrols.Model;
using EdgeGateway.Patrols.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Engine;

/// <summary>
/// The round engine, on the gateway's clock (works offline). <see cref="OpenDue"/> opens the rounds whose scheduled
/// start has come; <see cref="JudgeDue"/> judges every checkpoint whose window has closed without a tap
/// (<c>checkpoint_missed</c>) and completes rounds that reached their end (<c>round_completed</c>); the patrol loop
/// records the check-ins that arrived in between, so a tap made inside its window is never judged missed first; <see cref="Record"/> matches a check-in to the
/// open round of its card's team (<c>checkpoint_late</c> after the tolerance). Every decision and the event it makes
/// are one transaction in <c>patrols.db</c>, so a restart carries on where it stopped; windows that closed while
/// the gateway was down are judged by the first <see cref="JudgeDue"/> after the start. Not thread-safe: one loop drives it.
/// </summary>
internal sealed class RoundEngine(PatrolDatabase db, PatrolOptions options)
{
    private static readonly TimeSpan StateWriteInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset _stateWritten = DateTimeOffset.MinValue;

    public PatrolPlan Plan { get; set; } = PatrolPlan.Empty;

    /// <summary><see cref="OpenDue"/> then <see cref="JudgeDue"/>.</summary>
    public void Advance(DateTimeOffset now)
    {
        OpenDue(now);
        JudgeDue(now);
    }

    /// <summary>Opens every round whose start is after the last moment judged and not after <paramref name="now"/>.</summary>
    public void OpenDue(DateTimeOffset now)
    {
        using var c = db.Connect();
        using var tx = c.BeginTransaction();
        var stored = EngineState.GetState(c, tx, EngineState.JudgedUntil);
        var from = stored is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : now;
        if (from < now - options.MaxCatchUp) from = now - options.MaxCatchUp;
        var opened = false;
        if (from < now)
        {
            foreach (var schedule in Plan.Schedules)
                foreach (var start in schedule.StartsBetween(from, now))
                    opened |= Open(c, tx, schedule, start);
        }
        if (opened || stored is null || now - _stateWritten >= StateWriteInterval || from < now - StateWriteInterval)
        {
            EngineState.SetState(c, tx, EngineState.JudgedUntil, now.ToUnixTimeMilliseconds());
            _stateWritten = now;
        }
        tx.Commit();
    }

    /// <summary>Judges the windows that closed by <paramref name="now"/> without a tap, and completes rounds that ended.</summary>
    public void JudgeDue(DateTimeOffset now)
    {
        using var c = db.Connect();
        using var tx = c.BeginTransaction();
        foreach (var round in RoundStore.LoadOpen(c, tx)) Judge(c, tx, round, now);
        tx.Commit();
    }

    private bool Open(SqliteConnection c, SqliteTransaction tx, Schedule schedule, DateTimeOffset start)
    {
        if (!Plan.Routes.TryGetValue(schedule.RouteId, out var route)) return false;
        var end = start + schedule.Duration;
        var ordered = route.Order == RouteOrder.Ordered;
        var stops = route.Stops.Select((s, i) =>
        {
            var name = Plan.Checkpoints.TryGetValue(s.Checkpoint, out var cp) ? cp.Name : s.Checkpoint;
            return ordered
                ? new StopState(i, s.Checkpoint, name, start + s.At, start + s.At + s.Tolerance, start + s.Closes, s.Walk, null, null, null)
                : new StopState(i, s.Checkpoint, name, end, end, end, s.Walk, null, null, null);
        }).ToList();
        return RoundStore.Insert(c, tx, new RoundState(RoundState.MakeId(schedule.Id, start), schedule.Id, route.Id, schedule.Team, ordered, start, end, stops));
    }

    private static void Judge(SqliteConnection c, SqliteTransaction tx, RoundState round, DateTimeOffset now)
    {
        var stops = round.Stops.ToList();
        for (var i = 0; i < stops.Count; i++)
        {
            var stop = stops[i];
            if (!stop.Pending || stop.Closes > now) continue;
            RoundStore.SetVerdict(c, tx, round.Id, stop.Index, Verdicts.Missed, null);
            stops[i] = stop with { Verdict = Verdicts.Missed };
            Outbox.Add(c, tx, EventTypes.CheckpointMissed, PatrolEvents.Missed(round, stop));
        }
        if (round.End > now) return;
        var done = round with { Stops = stops };
        var (walkers, flagged) = Walkers(c, tx, done);
        RoundStore.Complete(c, tx, round.Id, now);
        Outbox.Add(c, tx, EventTypes.RoundCompleted, PatrolEvents.Completed(done, walkers, flagged));
    }

    private static (List<string> Walkers, int Flagged) Walkers(SqliteConnection c, SqliteTransaction tx, RoundState round)
    {
        var walkers = new List<string>();
        foreach (var uid in round.Stops.Where(s => s.Card is not null).Select(s => s.Card!).Distinct())
            walkers.Add(CardStore.Find(c, uid)?.Member ?? uid);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT count(*) FROM checkins WHERE round = $r AND flags <> ''";
        cmd.Parameters.AddWithValue("$r", round.Id);
        return (walkers, Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Takes one accepted check-in: enrolment by tap, flags, the round and checkpoint it counts for.</summary>
    public CheckinResult Record(Checkin tap, DateTimeOffset now) => RecordAll([tap], now)[0];

    /// <summary>
    /// Takes check-ins in arrival order in one transaction (one durable commit for the lot, not one per tap); each is
    /// judged as if recorded alone: it sees the taps before it, so repeats, bursts and two-beacon flags still hold.
    /// </summary>
    public IReadOnlyList<CheckinResult> RecordAll(IReadOnlyList<Checkin> taps, DateTimeOffset now)
    {
        var results = new CheckinResult[taps.Count];
        using var c = db.Connect();
        using var tx = c.BeginTransaction();
        for (var i = 0; i < taps.Count; i++) results[i] = RecordOne(c, tx, taps[i], now);
        tx.Commit();
        return results;
    }

    private CheckinResult RecordOne(SqliteConnection c, SqliteTransaction tx, Checkin tap, DateTimeOffset now)
    {
        if (CheckinStore.Seen(c, tx, tap.EventId)) return CheckinResult.Repeat;
        var enrolled = CardStore.TryFulfil(c, tx, tap.Beacon, tap.Uid, now);
        var card = enrolled ?? CardStore.Find(c, tap.Uid);
        var flags = FraudCheck.Run(c, tx, tap, card, options);
        var rounds = RoundStore.Load(c, tx, "start <= $at AND end >= $at", [("$at", tap.At.ToUnixTimeMilliseconds())])
            .Where(r => r.Stops.Any(s => s.Checkpoint == tap.Checkpoint)).ToList();
        var valid = card is { Revoked: false };
        var round = valid ? rounds.FirstOrDefault(r => r.Team == card!.Team) : null;
        string? verdict = null;
        if (round is not null)
        {
            verdict = Match(c, tx, round, tap, card!, flags);
        }
        else if (rounds.Count > 0)
        {
            // Not this card's round to walk: it counts for nothing, but the round's report shows it.
            round = rounds[0];
            if (valid) flags.Add(Flags.OtherTeam);
        }
        CheckinStore.Insert(c, tx, tap, round?.Id, flags);
        return new CheckinResult(round?.Id, verdict, flags, enrolled);
    }

    private static string? Match(SqliteConnection c, SqliteTransaction tx, RoundState round, Checkin tap, PatrolCard card, List<string> flags)
    {
        var stop = round.Stops.First(s => s.Checkpoint == tap.Checkpoint);
        if (stop.Verdict == Verdicts.Missed || (stop.Pending && tap.At > stop.Closes))
        {
            flags.Add(Flags.AfterWindow);
            return null;
        }
        if (!stop.Pending) return null; // tapped again: the first tap counts
        if (FraudCheck.TooFast(round, stop, tap)) flags.Add(Flags.TooFast);
        if (round.Ordered && round.Stops.Any(s => s.Index < stop.Index && s.Pending)) flags.Add(Flags.OutOfOrder);
        var verdict = tap.At <= stop.OnTimeUntil ? Verdicts.OnTime : Verdicts.Late;
        RoundStore.SetVerdict(c, tx, round.Id, stop.Index, verdict, tap);
        if (verdict == Verdicts.Late) Outbox.Add(c, tx, EventTypes.CheckpointLate, PatrolEvents.Late(round, stop, tap, card.Member, flags));
        return verdict;
    }
}
