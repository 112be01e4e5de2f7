namespace EdgeGateway.Patrols.Tests.Engine;

/// <summary>The plan the engine tests walk: team north every 2 h from 22:00 to 04:00 (Johannesburg, UTC+2), team south once at 23:00.</summary>
internal static class NightPlan
{
    public const string Thabo = "04A1B2C3";
    public const string Lindiwe = "04D5E6F7";
    public const string Sipho = "0477889900AABB";

    public static readonly DateTimeOffset Evening = new(2026, 3, 1, 19, 55, 0, TimeSpan.Zero);

    public const string Json = """
        {
          "checkpoints": [ { "id": "cp-1", "name": "Gate" }, { "id": "cp-2", "name": "Pump house" }, { "id": "cp-3", "name": "School" } ],
          "routes": [
            { "id": "route-A", "minWalk": "1m", "stops": [
                { "checkpoint": "cp-1", "at": "0m", "tolerance": "3m" },
                { "checkpoint": "cp-2", "at": "10m", "tolerance": "3m", "grace": "5m", "walk": "2m" },
                { "checkpoint": "cp-3", "at": "20m", "tolerance": "3m" } ] },
            { "id": "loop", "order": "any", "stops": [ { "checkpoint": "cp-1" }, { "checkpoint": "cp-3" } ] }
          ],
          "schedules": [
            { "id": "north-night", "route": "route-A", "team": "north", "cron": "0 22,0,2,4 * * *", "timeZone": "Africa/Johannesburg", "maxDuration": "1h" },
            { "id": "south-loop", "route": "loop", "team": "south", "cron": "0 23 * * *", "timeZone": "Africa/Johannesburg", "maxDuration": "30m" }
          ]
        }
        """;

    public static PatrolFixture Start(PatrolOptions? options = null)
    {
        var f = new PatrolFixture(Json, Evening, options);
        f.Cards.Enrol(Thabo, "Thabo M.", "north", Evening);
        f.Cards.Enrol(Lindiwe, "Lindiwe K.", "north", Evening);
        f.Cards.Enrol(Sipho, "Sipho N.", "south", Evening);
        return f;
    }

    /// <summary>A time on the night of 1–2 March 2026 in UTC (22:00 in Johannesburg is 20:00 here).</summary>
    public static DateTimeOffset Utc(int hour, int minute, int second = 0) =>
        new DateTimeOffset(2026, 3, hour >= 12 ? 1 : 2, hour, minute, second, TimeSpan.Zero);
}
