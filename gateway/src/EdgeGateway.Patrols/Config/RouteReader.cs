using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Patrols.Config.Dto;
using EdgeGateway.Patrols.Model;

namespace EdgeGateway.Patrols.Config;

/// <summary>Checks the <c>routes</c> of <c>patrols.json</c>: known checkpoints, each once; positive tolerances; timing only on ordered routes.</summary>
internal static class RouteReader
{
    public static Dictionary<string, Route> Read(List<RouteDto> items, IReadOnlyDictionary<string, Checkpoint> checkpoints, PlanErrors errors)
    {
        var result = new Dictionary<string, Route>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var r = items[i];
            var path = $"$.routes[{i}]";
            if (r is null) { errors.Add(path, "a route must be an object"); continue; }
            if (!DeviceIds.IsValid(r.Id)) { errors.Add(path + ".id", $"route id '{r.Id}' must be 1-64 characters of A-Z a-z 0-9 - _"); continue; }
            if (result.ContainsKey(r.Id!)) { errors.Add(path + ".id", $"route '{r.Id}' is defined twice"); continue; }
            RouteOrder order;
            switch (r.Order)
            {
                case null or "ordered": order = RouteOrder.Ordered; break;
                case "any": order = RouteOrder.Any; break;
                default: errors.Add(path + ".order", $"order '{r.Order}' must be 'ordered' or 'any'"); continue;
            }
            var minWalk = errors.Duration(r.MinWalk, path + ".minWalk", "minWalk", TimeSpan.Zero);
            if (r.Stops is not { Count: > 0 }) { errors.Add(path, $"route '{r.Id}' has no stops"); continue; }
            var stops = ReadStops(r, order, minWalk, checkpoints, path, errors);
            result[r.Id!] = new Route(r.Id!, order, stops, minWalk);
        }
        return result;
    }

    private static List<RouteStop> ReadStops(RouteDto r, RouteOrder order, TimeSpan minWalk, IReadOnlyDictionary<string, Checkpoint> checkpoints,
        string routePath, PlanErrors errors)
    {
        var stops = new List<RouteStop>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var previousAt = TimeSpan.MinValue;
        for (var j = 0; j < r.Stops!.Count; j++)
        {
            var s = r.Stops[j];
            var path = $"{routePath}.stops[{j}]";
            if (s is null) { errors.Add(path, "a stop must be an object"); continue; }
            if (s.Checkpoint is null) { errors.Add(path, "a stop needs a checkpoint"); continue; }
            if (!checkpoints.ContainsKey(s.Checkpoint)) { errors.Add(path + ".checkpoint", $"unknown checkpoint '{s.Checkpoint}' (not in checkpoints)"); continue; }
            if (!seen.Add(s.Checkpoint)) { errors.Add(path + ".checkpoint", $"checkpoint '{s.Checkpoint}' is twice in route '{r.Id}'"); continue; }
            var walk = errors.Duration(s.Walk, path + ".walk", "walk", minWalk);
            if (order == RouteOrder.Any)
            {
                if (s.At is not null || s.Tolerance is not null || s.Grace is not null)
                    errors.Add(path, "at, tolerance and grace are for ordered routes; an any-order route's stops are due by the round's end");
                stops.Add(new RouteStop(s.Checkpoint, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, walk));
                continue;
            }
            if (s.At is null) errors.Add(path, "a stop of an ordered route needs 'at' (its offset from the round's start, e.g. 10m)");
            if (s.Tolerance is null) errors.Add(path, "a stop of an ordered route needs 'tolerance' (e.g. 3m)");
            var at = errors.Duration(s.At, path + ".at", "at", TimeSpan.Zero);
            var tolerance = errors.Duration(s.Tolerance, path + ".tolerance", "tolerance", TimeSpan.FromMinutes(1), positive: true);
            var grace = errors.Duration(s.Grace, path + ".grace", "grace", tolerance);
            if (at < previousAt) errors.Add(path + ".at", $"at {s.At} is earlier than the previous stop's; an ordered route lists its stops in time order");
            previousAt = at;
            stops.Add(new RouteStop(s.Checkpoint, at, tolerance, grace, walk));
        }
        return stops;
    }
}
