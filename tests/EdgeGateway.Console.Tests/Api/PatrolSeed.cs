using System.Text;
using EdgeGateway.Patrols;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Storage;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>
/// A <c>patrols.db</c> walked by the real round engine before the gateway starts, on times around the real clock:
/// team south's round started 2 h ago (cp-1 late by Lindiwe, cp-2 missed, an unknown card at cp-2) and is completed;
/// team north's round started 5 min ago (cp-1 on time by Thabo) and is still being walked.
/// </summary>
internal static class PatrolSeed
{
    public const string Unknown = "DEADBEEF";

    public static readonly DateTimeOffset Now = Whole(DateTimeOffset.UtcNow);
    public static readonly DateTimeOffset SouthStart = Now.AddHours(-2);
    public static readonly DateTimeOffset NorthStart = Now.AddMinutes(-5);

    private static string Plan => $$"""
        { "checkpoints": [ { "id": "cp-1", "name": "Gate" }, { "id": "cp-2", "name": "Pump house" } ],
          "routes": [ { "id": "r", "stops": [ { "checkpoint": "cp-1", "at": "0m", "tolerance": "2m" }, { "checkpoint": "cp-2", "at": "30m", "tolerance": "2m" } ] } ],
          "schedules": [
            { "id": "south", "route": "r", "team": "south", "cron": "{{Cron(SouthStart)}}", "timeZone": "UTC", "maxDuration": "40m" },
            { "id": "north", "route": "r", "team": "north", "cron": "{{Cron(NorthStart)}}", "timeZone": "UTC", "maxDuration": "40m" } ] }
        """;

    public static void Walk(string dataDirectory)
    {
        var db = PatrolDatabase.Open(dataDirectory);
        var cards = new CardStore(db);
        cards.Enrol("04A1B2C3", "Thabo M.", "north", SouthStart.AddDays(-1));
        cards.Enrol("04D5E6F7", "Lindiwe K.", "south", SouthStart.AddDays(-1));
        var engine = new RoundEngine(db, new PatrolOptions()) { Plan = PlanParser.Parse(Encoding.UTF8.GetBytes(Plan), "patrols.json", SouthStart.AddMinutes(-1)) };
        engine.Advance(SouthStart.AddMinutes(-1));
        engine.Advance(SouthStart.AddSeconds(1));
        Tap(engine, "cb-1:1:1", "cp-1", "04D5E6F7", SouthStart.AddMinutes(3));
        Tap(engine, "cb-2:1:1", "cp-2", Unknown, SouthStart.AddMinutes(20));
        engine.Advance(SouthStart.AddMinutes(41));
        engine.Advance(NorthStart.AddSeconds(1));
        Tap(engine, "cb-1:1:2", "cp-1", "04A1B2C3", NorthStart.AddMinutes(1));
    }

    private static void Tap(RoundEngine engine, string eventId, string checkpoint, string card, DateTimeOffset at)
    {
        engine.Advance(at);
        engine.Record(new Checkin(eventId, "cb-" + checkpoint[3..], checkpoint, card, at, true), at);
    }

    private static string Cron(DateTimeOffset t) => $"{t.Second} {t.Minute} {t.Hour} * * *";

    private static DateTimeOffset Whole(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
