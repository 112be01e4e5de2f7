namespace EdgeGateway.Patrols.Engine;

/// <summary>
/// A round as stored in <c>patrols.db</c>. Its stops are copied from the route when it opens, so a reload of
/// <c>patrols.json</c> changes later rounds, never one being walked.
/// </summary>
internal sealed record RoundState(string Id, string Schedule, string Route, string Team, bool Ordered,
    DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<StopState> Stops)
{
    public static string MakeId(string schedule, DateTimeOffset start) =>
        $"{schedule}@{start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}";
}
