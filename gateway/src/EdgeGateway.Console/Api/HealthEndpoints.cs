using EdgeGateway.Core.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Console.Api;

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: every critical part (broker listening, buffer writable) is
/// ready: 200 <c>ready</c>, or 200 <c>degraded</c> when only a non-critical one (the uplink) is down, else 503
/// <c>unready</c>. Both need no login.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(Liveness.Alive, ConsoleJsonContext.Default.Liveness));
        app.MapGet("/readyz", (IEnumerable<ReadinessCheck> checks) =>
        {
            var results = checks.Select(c => (c.Name, c.Critical, Ready: Safe(c))).ToList();
            var status = results.Any(r => r.Critical && !r.Ready) ? "unready" : results.Any(r => !r.Ready) ? "degraded" : "ready";
            var body = new Readiness(status, results.ToDictionary(r => r.Name, r => r.Ready ? "ok" : "down"));
            return Results.Json(body, ConsoleJsonContext.Default.Readiness, statusCode: status == "unready" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        });
    }

    private static bool Safe(ReadinessCheck check)
    {
        try
        {
            return check.IsReady();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }
}
