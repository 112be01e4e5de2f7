using EdgeGateway.Console.Api;
using EdgeGateway.Console.Auth;
using EdgeGateway.Console.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Console.Hosting;

/// <summary>The console's middleware and routes.</summary>
internal static class ConsolePipeline
{
    /// <summary>Scripts and styles only from the console itself; no inline script, no framing, no external fetch.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Configure(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/assets")) headers.CacheControl = "no-store";
            await next(context).ConfigureAwait(false);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        HealthEndpoints.Map(app);
        MetricsEndpoint.Map(app);
        LoginEndpoints.Map(app);
        PageEndpoints.Map(app);

        var api = app.MapGroup("/api/v1").RequireAuthorization(ConsoleRoles.Operator);
        var changes = api.MapGroup("").AddEndpointFilter(new AntiforgeryFilter()); // an instance: the generic overload builds an activator from expression trees at start
        var technician = changes.MapGroup("").RequireAuthorization(ConsoleRoles.Technician);
        var admin = api.MapGroup("").RequireAuthorization(ConsoleRoles.Admin);
        AlarmEndpoints.Map(api, changes);
        DeviceEndpoints.Map(api, technician);
        BufferEndpoints.Map(api);
        HistoryEndpoints.Map(api);
        PatrolEndpoints.Map(api);
        AdminEndpoints.Map(api, admin);
        app.MapFallback("/api/{**rest}", (HttpContext c) => Problems.NotFound($"no route {c.Request.Method} {c.Request.Path}"));
    }
}
