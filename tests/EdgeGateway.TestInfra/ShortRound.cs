using System.Globalization;
using EdgeGateway.Patrols.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.TestInfra;

/// <summary>
/// One short round on the real clock for tests against a gateway process: cp-0001 at +0 s (tolerance 5 s), cp-0002 at
/// +6 s (tolerance 2 s, grace 1 s: missed at +9 s), the round ends at +12 s. Also reads the gateway's <c>patrols.db</c>.
/// </summary>
public static class ShortRound
{
    /// <summary>Writes <c>patrols.json</c> with one round of team north starting a few seconds from now; returns its start.</summary>
    public static async Task<DateTimeOffset> ScheduleAsync(string dataDirectory)
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(4);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "patrols.json"), Plan(start));
        return start;
    }

    private static string Plan(DateTimeOffset start) => $$"""
        {
          "checkpoints": [ { "id": "cp-0001", "name": "Gate" }, { "id": "cp-0002", "name": "Pump house" } ],
          "routes": [ { "id": "short", "stops": [
            { "checkpoint": "cp-0001", "at": "0s", "tolerance": "5s" },
            { "checkpoint": "cp-0002", "at": "6s", "tolerance": "2s", "grace": "1s" } ] } ],
          "schedules": [ { "id": "now", "route": "short", "team": "north", "cron": "{{start.Second}} {{start.Minute}} {{start.Hour}} * * *",
            "timeZone": "UTC", "maxDuration": "12s" } ]
        }
        """;

    public static async Task UntilAsync(DateTimeOffset when)
    {
        var left = when - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left); // the round runs on the real clock: wait for its time
    }

    public static async Task<string?> VerdictAsync(string dataDirectory, string checkpoint, TimeSpan timeout)
    {
        string? verdict = null;
        await Eventually.TrueAsync(() => (verdict = Query(dataDirectory, "SELECT verdict FROM round_stops WHERE checkpoint = $cp", checkpoint)) is not null,
            timeout, $"a verdict for {checkpoint} in patrols.db");
        return verdict;
    }

    public static bool OutboxEmpty(string dataDirectory) => Query(dataDirectory, "SELECT count(*) FROM outbox") == "0";

    private static string? Query(string dataDirectory, string sql, string? checkpoint = null)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, PatrolDatabase.FileName)};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        if (checkpoint is not null) cmd.Parameters.AddWithValue("$cp", checkpoint);
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;
    }
}
