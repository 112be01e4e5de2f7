using Cronos;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Patrols.Config.Dto;
using EdgeGateway.Patrols.Model;

namespace EdgeGateway.Patrols.Config;

/// <summary>Checks the <c>schedules</c> of <c>patrols.json</c>: known route, a team, a valid cron (5 fields, or 6 with seconds) and time zone, a round long enough for its route.</summary>
internal static class ScheduleReader
{
    public static List<Schedule> Read(List<ScheduleDto> items, IReadOnlyDictionary<string, Route> routes, PlanErrors errors)
    {
        var result = new List<Schedule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var s = items[i];
            var path = $"$.schedules[{i}]";
            if (s is null) { errors.Add(path, "a schedule must be an object"); continue; }
            if (!DeviceIds.IsValid(s.Id)) { errors.Add(path + ".id", $"schedule id '{s.Id}' must be 1-64 characters of A-Z a-z 0-9 - _"); continue; }
            if (!ids.Add(s.Id!)) { errors.Add(path + ".id", $"schedule '{s.Id}' is defined twice"); continue; }
            Route? route = null;
            if (s.Route is null) errors.Add(path, "a schedule needs a route");
            else if (!routes.TryGetValue(s.Route, out route)) errors.Add(path + ".route", $"unknown route '{s.Route}'");
            if (!DeviceIds.IsValid(s.Team)) errors.Add(path + (s.Team is null ? "" : ".team"), $"team '{s.Team}' must be 1-64 characters of A-Z a-z 0-9 - _");
            var cron = Cron(s.Cron, path, errors);
            var zone = Zone(s.TimeZone, path, errors);
            if (s.MaxDuration is null) errors.Add(path, "a schedule needs maxDuration (how long a round may take, e.g. 1h)");
            var duration = errors.Duration(s.MaxDuration, path + ".maxDuration", "maxDuration", TimeSpan.FromHours(1), positive: true);
            if (route is not null && route.Order == RouteOrder.Ordered && route.Stops.Max(x => x.Closes) > duration)
                errors.Add(path + ".maxDuration", $"maxDuration {s.MaxDuration} ends before the last window of route '{route.Id}' closes ({DurationText.Format(route.Stops.Max(x => x.Closes))})");
            if (route is not null && cron is not null && zone is not null && DeviceIds.IsValid(s.Team) && duration > TimeSpan.Zero)
                result.Add(new Schedule(s.Id!, route.Id, s.Team!, s.Cron!, cron, zone, duration));
        }
        return result;
    }

    private static CronExpression? Cron(string? text, string path, PlanErrors errors)
    {
        if (text is null) { errors.Add(path, "a schedule needs cron (e.g. \"0 22,0,2,4 * * *\": 22:00, 00:00, 02:00, 04:00)"); return null; }
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            return CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            errors.Add(path + ".cron", $"bad cron '{text}': {ex.Message}");
            return null;
        }
    }

    private static TimeZoneInfo? Zone(string? id, string path, PlanErrors errors)
    {
        if (id is null) { errors.Add(path, "a schedule needs timeZone (an IANA zone such as Africa/Johannesburg, or UTC)"); return null; }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add(path + ".timeZone", $"unknown time zone '{id}' (use an IANA zone such as Africa/Johannesburg, or UTC)");
            return null;
        }
    }
}
