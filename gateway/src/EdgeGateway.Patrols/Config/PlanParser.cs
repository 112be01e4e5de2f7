using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Patrols.Config.Dto;
using EdgeGateway.Patrols.Model;

namespace EdgeGateway.Patrols.Config;

/// <summary>
/// Reads and checks <c>patrols.json</c>. Every problem is reported with its line: JSON syntax and wrong value types
/// (from System.Text.Json's own line numbers), unknown properties, unknown checkpoints or routes, zero or negative
/// tolerances, bad cron expressions or time zones, and rounds of one team that would overlap.
/// </summary>
public static class PlanParser
{
    /// <summary>The largest file read; a bigger one is refused before it is loaded.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static PatrolPlan ParseFile(string path, DateTimeOffset now)
    {
        var name = Path.GetFileName(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new PatrolConfigException($"{name}: no such file ({path})");
        if (info.Length > MaxBytes) throw new PatrolConfigException($"{name}: {info.Length} bytes is more than the {MaxBytes} allowed");
        return Parse(File.ReadAllBytes(path), name, now);
    }

    /// <param name="now">Where the overlap check starts looking (it checks the next 8 days of rounds).</param>
    public static PatrolPlan Parse(byte[] utf8, string fileName, DateTimeOffset now)
    {
        var readerOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        PlanDto? dto;
        JsonLineMap lines;
        try
        {
            lines = JsonLineMap.Build(utf8, readerOptions);
            dto = JsonSerializer.Deserialize(utf8, PlanJsonContext.Default.PlanDto);
        }
        catch (JsonException ex)
        {
            throw new PatrolConfigException([$"{fileName} line {(ex.LineNumber ?? 0) + 1}: {Describe(ex)}"]);
        }
        if (dto is null) throw new PatrolConfigException([$"{fileName} line 1: the file must hold a JSON object, not null"]);

        var errors = new PlanErrors(fileName, lines);
        var checkpoints = ReadCheckpoints(dto.Checkpoints ?? [], errors);
        var routes = RouteReader.Read(dto.Routes ?? [], checkpoints, errors);
        var schedules = ScheduleReader.Read(dto.Schedules ?? [], routes, errors);
        if (errors.Count == 0) TeamOverlapCheck.Run(schedules, now, errors);
        errors.ThrowIfAny();
        return new PatrolPlan(checkpoints, routes, schedules);
    }

    private static Dictionary<string, Checkpoint> ReadCheckpoints(List<CheckpointDto> items, PlanErrors errors)
    {
        var result = new Dictionary<string, Checkpoint>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var c = items[i];
            var path = $"$.checkpoints[{i}]";
            if (c is null) { errors.Add(path, "a checkpoint must be an object"); continue; }
            if (!DeviceIds.IsValid(c.Id)) { errors.Add(path + ".id", $"checkpoint id '{c.Id}' must be 1-64 characters of A-Z a-z 0-9 - _ (the beacon's checkpoint.id)"); continue; }
            if (result.ContainsKey(c.Id!)) { errors.Add(path + ".id", $"checkpoint '{c.Id}' is defined twice"); continue; }
            var position = Position(c, path, errors);
            result[c.Id!] = new Checkpoint(c.Id!, string.IsNullOrWhiteSpace(c.Name) ? c.Id! : c.Name, position);
        }
        return result;
    }

    private static CheckpointPosition? Position(CheckpointDto c, string path, PlanErrors errors)
    {
        var geo = c.Lat.HasValue || c.Lon.HasValue;
        var plan = c.X.HasValue || c.Y.HasValue;
        if (geo && plan) errors.Add(path, "give lat/lon or x/y, not both");
        if (geo && (!c.Lat.HasValue || !c.Lon.HasValue)) errors.Add(path, "lat and lon go together");
        if (plan && (!c.X.HasValue || !c.Y.HasValue)) errors.Add(path, "x and y go together");
        if (c.Lat is < -90 or > 90) errors.Add(path + ".lat", $"lat {c.Lat} is outside -90..90");
        if (c.Lon is < -180 or > 180) errors.Add(path + ".lon", $"lon {c.Lon} is outside -180..180");
        return geo || plan ? new CheckpointPosition(c.Lat, c.Lon, c.X, c.Y) : null;
    }

    /// <summary>System.Text.Json's message without its trailing "Path: … | LineNumber: …", plus the path in plain words.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        const string unmapped = "could not be mapped to any .NET member";
        if (message.Contains(unmapped, StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            message = end > start ? $"unknown property '{message[(start + 1)..end]}'" : "unknown property";
        }
        return string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? message : $"{message} (at {ex.Path})";
    }
}
