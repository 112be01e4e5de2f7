using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Console.Api;

/// <summary>
/// The query of <c>GET /api/v1/devices</c>: <c>q</c> (words found in id, type, site, label, checkpoint or firmware,
/// any case), <c>status</c> (online, offline, revoked), <c>sort</c> and <c>dir</c>, <c>offset</c> and <c>limit</c>
/// (a page of at most <see cref="MaxLimit"/>). Filtering, sorting and paging happen here, so a page of 2,000 devices
/// sends the browser only the rows it shows.
/// </summary>
internal sealed record DeviceQuery(string Words, string Status, string Sort, bool Descending, int Offset, int Limit)
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 100;
    public const int MaxWords = 120;

    private static readonly string[] Known = ["q", "status", "sort", "dir", "offset", "limit"];
    private static readonly string[] Statuses = ["", "online", "offline", "revoked"];
    private static readonly string[] Sorts = ["id", "type", "site", "label", "status", "battery", "rssi", "firmware", "lastSeen", "lastHeartbeat"];
    private static readonly string[] Directions = ["asc", "desc"];

    private static readonly Dictionary<string, Func<DeviceView, object?>> Keys = new(StringComparer.Ordinal)
    {
        ["id"] = d => d.Id,
        ["type"] = d => d.Type,
        ["site"] = d => d.Site,
        ["label"] = d => d.Label,
        ["status"] = d => d.Status,
        ["battery"] = d => d.BatteryMv,
        ["rssi"] = d => d.Rssi,
        ["firmware"] = d => d.Firmware,
        ["lastSeen"] = d => d.LastSeen,
        ["lastHeartbeat"] = d => d.LastHeartbeat,
    };

    public static DeviceQuery? Parse(IQueryCollection query, out IResult? problem)
    {
        problem = QueryParams.Unknown(query, Known);
        if (problem is not null) return null;
        var words = query["q"].ToString().Trim();
        if (words.Length > MaxWords)
        {
            problem = Problems.BadField("q", $"'q' is longer than {MaxWords} characters");
            return null;
        }
        if (!QueryParams.TryChoice(query, "status", Statuses, out var status, out problem)
            || !QueryParams.TryChoice(query, "sort", Sorts, out var sort, out problem)
            || !QueryParams.TryChoice(query, "dir", Directions, out var dir, out problem)
            || !QueryParams.TryInt(query, "offset", 0, int.MaxValue, 0, out var offset, out problem)
            || !QueryParams.TryInt(query, "limit", 1, MaxLimit, DefaultLimit, out var limit, out problem))
        {
            return null;
        }
        return new DeviceQuery(words, status, sort, dir == "desc", offset, limit);
    }

    public DevicePage Apply(IReadOnlyCollection<DeviceView> devices)
    {
        var terms = Words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matched = devices.Where(d => (Status.Length == 0 || d.Status == Status) && terms.All(t => Matches(d, t))).ToList();
        var key = Keys[Sort];
        var ordered = matched.OrderBy(d => key(d) is null); // devices without the value last, in either direction
        ordered = Descending ? ordered.ThenByDescending(key, ValueOrder.Instance) : ordered.ThenBy(key, ValueOrder.Instance);
        var items = ordered.ThenBy(d => d.Id, StringComparer.Ordinal).Skip(Offset).Take(Limit).ToList();
        return new DevicePage(devices.Count, matched.Count, Offset, Limit, items);
    }

    private static bool Matches(DeviceView d, string term) =>
        new[] { d.Id, d.Type, d.Site, d.Label, d.Checkpoint, d.Firmware }.Any(v => v?.Contains(term, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Text in any case, numbers by value.</summary>
    private sealed class ValueOrder : IComparer<object?>
    {
        public static readonly ValueOrder Instance = new();

        public int Compare(object? x, object? y) => x is string a && y is string b
            ? StringComparer.OrdinalIgnoreCase.Compare(a, b)
            : System.Collections.Comparer.DefaultInvariant.Compare(x, y);
    }
}
