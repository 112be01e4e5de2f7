using EdgeGateway.Core.Patrols;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Api;

/// <summary>
/// <c>/api/v1/patrols</c> (any role): round reports for a time range and team, the same JSON as
/// <c>edgegw patrol report --format json</c>, and the rounds in progress with the recent missed and late checkpoints.
/// With patrols disabled (no <see cref="IPatrolReports"/>) both answer 503 saying so.
/// </summary>
internal static class PatrolEndpoints
{
    /// <summary>How far back <c>/patrols/active</c> lists missed and late checkpoints.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/patrols/rounds", (HttpContext context, TimeProvider time) =>
        {
            if (Reports(context) is not { } reports) return Disabled();
            var query = PatrolQuery.Parse(context.Request.Query, time.GetUtcNow());
            if (query.Problem is { } problem) return problem;
            return Json(PatrolJson.Serialize(reports.Report(query.From, query.To, query.Team)));
        });
        api.MapGet("/patrols/active", (HttpContext context, TimeProvider time) =>
        {
            if (Reports(context) is not { } reports) return Disabled();
            if (QueryParams.Unknown(context.Request.Query, []) is { } problem) return problem;
            var now = time.GetUtcNow();
            return Json(PatrolJson.Serialize(reports.Activity(now, now - RecentWindow)));
        });
    }

    private static IPatrolReports? Reports(HttpContext context) => context.RequestServices.GetService<IPatrolReports>();

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");

    private static IResult Disabled() => Problems.Status(StatusCodes.Status503ServiceUnavailable,
        "patrols are disabled on this gateway (Patrols:Enabled=false): there are no rounds to report");
}
