using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Console.Api;

/// <summary>
/// The query of <c>/api/v1/patrols/rounds</c>: <c>from</c> and <c>to</c> (ISO 8601; UTC unless the value names its
/// offset; default the last 24 h), <c>team</c> (optional). A bad value, a range that is empty or longer than
/// <see cref="MaxRange"/>, or an unknown parameter is a problem naming the field.
/// </summary>
internal sealed record PatrolQuery(DateTimeOffset From, DateTimeOffset To, string? Team, IResult? Problem)
{
    public const int MaxTeamLength = 64;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);
    private static readonly string[] Known = ["from", "to", "team"];

    public static PatrolQuery Parse(IQueryCollection query, DateTimeOffset now)
    {
        if (QueryParams.Unknown(query, Known) is { } unknown) return Fail(unknown);
        if (!TryTime(query, "from", out var from, out var problem)) return Fail(problem);
        if (!TryTime(query, "to", out var to, out problem)) return Fail(problem);
        var end = to ?? now;
        var start = from ?? end - TimeSpan.FromHours(24);
        if (end <= start) return Fail(Problems.BadField("to", "'to' must be later than 'from'"));
        if (end - start > MaxRange) return Fail(Problems.BadField("to", $"a report covers at most {MaxRange.TotalDays:0} days; narrow 'from'..'to'"));
        var team = query["team"].ToString();
        if (team.Length == 0) return new PatrolQuery(start, end, null, null);
        if (team.Length > MaxTeamLength || !team.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return Fail(Problems.BadField("team", $"'team' must be 1..{MaxTeamLength} of A-Z a-z 0-9 - _"));
        return new PatrolQuery(start, end, team, null);
    }

    private static bool TryTime(IQueryCollection query, string name, out DateTimeOffset? value, out IResult problem)
    {
        value = null;
        problem = null!;
        var text = query[name].ToString();
        if (text.Length == 0) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        problem = Problems.BadField(name, $"'{name}' is '{QueryParams.Shorten(text)}', not a date and time (ISO 8601, e.g. 2026-03-01T22:00Z)");
        return false;
    }

    private static PatrolQuery Fail(IResult problem) => new(default, default, null, problem);
}
