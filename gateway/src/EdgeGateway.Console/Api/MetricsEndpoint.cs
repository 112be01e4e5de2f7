using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace EdgeGateway.Console.Api;

/// <summary>
/// <c>/metrics</c>: Prometheus text format from prometheus-net's default registry, which publishes the gateway's
/// <c>EdgeGateway</c> meter (System.Diagnostics.Metrics) through its meter adapter. No login; with
/// <c>Console:MetricsToken</c> set, only <c>Authorization: Bearer</c> that token.
/// </summary>
internal static class MetricsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/metrics", async (HttpContext context, ConsoleOptions options) =>
    {
        if (options.MetricsToken.Length > 0 && !Allowed(context.Request.Headers.Authorization.ToString(), options.MetricsToken))
        {
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "/metrics needs Authorization: Bearer <Console:MetricsToken>").ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = PrometheusConstants.ExporterContentTypeValue.ToString();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    });

    private static bool Allowed(string header, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes("Bearer " + token));
}
