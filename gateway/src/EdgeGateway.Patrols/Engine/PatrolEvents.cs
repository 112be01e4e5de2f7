using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Patrols.Engine;

/// <summary>
/// The <c>data</c> of the three patrol events. Times are Unix milliseconds like the envelope's <c>ts</c>.
/// <c>round_completed</c> lists every checkpoint while the envelope stays within its 1 KB; a longer route lists the
/// checkpoints that were not on time (as many as fit) and counts those left out in <c>stops_not_listed</c>; it names
/// at most four walkers.
/// </summary>
internal static class PatrolEvents
{
    /// <summary>What the <c>data</c> may take of the envelope's limit; the rest is its <c>v, dev, boot, seq, type, ts, sync</c>.</summary>
    private const int DataBudget = EventEnvelope.MaxBytes - 200;

    private const int MaxWalkers = 4;

    public static string Missed(RoundState round, StopState stop) => Write(w =>
    {
        Head(w, round);
        w.WriteString("checkpoint", stop.Checkpoint);
        w.WriteString("name", stop.Name);
        w.WriteNumber("expected", stop.Expected.ToUnixTimeMilliseconds());
        w.WriteNumber("closed", stop.Closes.ToUnixTimeMilliseconds());
    });

    public static string Late(RoundState round, StopState stop, Checkin tap, string? member, IReadOnlyCollection<string> flags) => Write(w =>
    {
        Head(w, round);
        w.WriteString("checkpoint", stop.Checkpoint);
        w.WriteString("name", stop.Name);
        w.WriteNumber("expected", stop.Expected.ToUnixTimeMilliseconds());
        w.WriteNumber("at", tap.At.ToUnixTimeMilliseconds());
        w.WriteNumber("delay_s", (long)(tap.At - stop.Expected).TotalSeconds);
        w.WriteString("card", tap.Uid);
        if (member is not null) w.WriteString("member", member);
        Strings(w, "flags", flags);
    });

    public static string Completed(RoundState round, IReadOnlyCollection<string> walkers, int flagged)
    {
        // All stops if the envelope stays within its limit; else those not on time, as many as fit.
        var all = Completed(round, walkers, flagged, round.Stops);
        if (Encoding.UTF8.GetByteCount(all) <= DataBudget) return all;
        var notOnTime = round.Stops.Where(s => s.Verdict != Verdicts.OnTime).ToList();
        for (var n = notOnTime.Count; ; n--)
        {
            var json = Completed(round, walkers, flagged, notOnTime.Take(n).ToList());
            if (n == 0 || Encoding.UTF8.GetByteCount(json) <= DataBudget) return json;
        }
    }

    private static string Completed(RoundState round, IReadOnlyCollection<string> walkers, int flagged, IReadOnlyList<StopState> listed) => Write(w =>
    {
        Head(w, round);
        w.WriteNumber("start", round.Start.ToUnixTimeMilliseconds());
        w.WriteNumber("end", round.End.ToUnixTimeMilliseconds());
        w.WriteNumber("on_time", round.Stops.Count(s => s.Verdict == Verdicts.OnTime));
        w.WriteNumber("late", round.Stops.Count(s => s.Verdict == Verdicts.Late));
        w.WriteNumber("missed", round.Stops.Count(s => s.Verdict == Verdicts.Missed));
        w.WriteNumber("flagged_checkins", flagged);
        Strings(w, "walked_by", walkers.Take(MaxWalkers).ToList());
        w.WriteStartArray("stops");
        foreach (var s in listed)
        {
            w.WriteStartObject();
            w.WriteString("cp", s.Checkpoint);
            w.WriteString("v", s.Verdict ?? Verdicts.Missed);
            if (s.Tapped is { } at) w.WriteNumber("at", at.ToUnixTimeMilliseconds());
            if (s.Card is not null) w.WriteString("card", s.Card);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (listed.Count < round.Stops.Count) w.WriteNumber("stops_not_listed", round.Stops.Count - listed.Count);
    });

    private static void Head(Utf8JsonWriter w, RoundState round)
    {
        w.WriteString("round", round.Id);
        w.WriteString("route", round.Route);
        w.WriteString("team", round.Team);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
