namespace EdgeGateway.Service.Hosting.Settings;

/// <summary>The known name closest to a mistyped one (case-insensitive edit distance).</summary>
internal static class NearestName
{
    public static string? Of(string name, IEnumerable<string> known, int maxDistance = int.MaxValue)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance && d <= maxDistance) (best, bestDistance) = (candidate, d);
        }
        return best;
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
