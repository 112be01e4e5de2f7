using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Patrols.Model;

namespace EdgeGateway.Simulator;

/// <summary>
/// A scenario line that walks a patrol round:
/// <code>at 22:00 patrol north walk route-A card 04A1B2C3 skip cp-0003 late cp-0005 5m</code>
/// becomes one tap per checkpoint of the route (from the gateway's <c>patrols.json</c>, <c>--patrols</c>): at the
/// line's time plus the stop's offset (any-order routes: one stop per walking time, at least 30 s apart), except
/// the skipped ones, and the late ones that much later. The simulator's beacon <c>cb-NNNN</c> stands at
/// checkpoint <c>cp-NNNN</c>, so a route's checkpoints must be named that way to be walked here.
/// </summary>
internal static class PatrolLine
{
    public static IEnumerable<ScenarioStep> Expand(string[] parts, TimeSpan at, int line, PatrolPlan? plan)
    {
        if (parts.Length < 8 || parts[4] != "walk" || parts[6] != "card")
            throw ScenarioParser.Bad(line, "expected 'at <time> patrol <team> walk <route> card <UID> [skip <checkpoint>]… [late <checkpoint> <time>]…'");
        if (plan is null) throw ScenarioParser.Bad(line, "a patrol line needs the gateway's routes: give --patrols (e.g. data/patrols.json)");
        if (!DeviceIds.IsValid(parts[3])) throw ScenarioParser.Bad(line, $"team '{parts[3]}' must be 1-64 characters of A-Z a-z 0-9 - _");
        if (!plan.Routes.TryGetValue(parts[5], out var route)) throw ScenarioParser.Bad(line, $"route '{parts[5]}' is not in the patrols file");
        byte[] uid;
        try { uid = Convert.FromHexString(parts[7]); }
        catch (FormatException) { throw ScenarioParser.Bad(line, $"card UID '{parts[7]}' is not hex"); }
        if (uid.Length is not (4 or 7 or 10)) throw ScenarioParser.Bad(line, "a card UID has 4, 7 or 10 bytes");
        var (skips, delays) = Changes(parts, route, line);
        var steps = new List<ScenarioStep>();
        var offset = TimeSpan.Zero;
        for (var i = 0; i < route.Stops.Count; i++)
        {
            var stop = route.Stops[i];
            offset = route.Order == RouteOrder.Ordered ? stop.At : i == 0 ? TimeSpan.Zero : offset + Max(stop.Walk, TimeSpan.FromSeconds(30));
            if (!stop.Checkpoint.StartsWith("cp-", StringComparison.Ordinal))
                throw ScenarioParser.Bad(line, $"checkpoint '{stop.Checkpoint}' has no simulated beacon (beacon cb-NNNN stands at cp-NNNN)");
            if (skips.Contains(stop.Checkpoint)) continue;
            var when = at + offset + delays.GetValueOrDefault(stop.Checkpoint);
            steps.Add(new ScenarioStep(when, "cb-" + stop.Checkpoint[3..], "tap", TimeSpan.Zero, uid, 0, line));
        }
        return steps;
    }

    private static (HashSet<string> Skips, Dictionary<string, TimeSpan> Delays) Changes(string[] parts, Route route, int line)
    {
        var skips = new HashSet<string>(StringComparer.Ordinal);
        var delays = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        for (var i = 8; i < parts.Length; i++)
        {
            var word = parts[i];
            if (word is not ("skip" or "late") || i + 1 >= parts.Length) throw ScenarioParser.Bad(line, $"expected 'skip <checkpoint>' or 'late <checkpoint> <time>' at '{word}'");
            var checkpoint = parts[++i];
            if (!route.Stops.Any(s => s.Checkpoint == checkpoint)) throw ScenarioParser.Bad(line, $"checkpoint '{checkpoint}' is not on route '{route.Id}'");
            if (word == "skip") skips.Add(checkpoint);
            else if (i + 1 < parts.Length) delays[checkpoint] = ScenarioParser.Duration(parts[++i], line);
            else throw ScenarioParser.Bad(line, $"'late {checkpoint}' needs a time (e.g. 5m)");
        }
        return (skips, delays);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
