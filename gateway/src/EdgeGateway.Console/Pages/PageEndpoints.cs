using EdgeGateway.Console.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Console.Pages;

/// <summary>The pages (HTML shells filled in by their script from the API) and the embedded assets.</summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{name}", (string name) =>
        {
            var ext = Path.GetExtension(name);
            return !EmbeddedAssets.IsFragment(name) && EmbeddedAssets.Types.TryGetValue(ext, out var type) && EmbeddedAssets.Get(name) is { } bytes
                ? Results.Bytes(bytes, type)
                : Results.NotFound();
        });
        app.MapGet("/", (HttpContext c, IAntiforgery a) => Page(c, a, "alarms.html")).RequireAuthorization(ConsoleRoles.Operator);
        app.MapGet("/devices", (HttpContext c, IAntiforgery a) => Page(c, a, "devices.html")).RequireAuthorization(ConsoleRoles.Operator);
        app.MapGet("/buffer", (HttpContext c, IAntiforgery a) => Page(c, a, "buffer.html")).RequireAuthorization(ConsoleRoles.Operator);
        app.MapGet("/history", (HttpContext c, IAntiforgery a) => Page(c, a, "history.html")).RequireAuthorization(ConsoleRoles.Operator);
        app.MapGet("/patrols", (HttpContext c, IAntiforgery a) => Page(c, a, "patrols.html")).RequireAuthorization(ConsoleRoles.Operator);
        app.MapGet("/admin", (HttpContext c, IAntiforgery a) => Page(c, a, "admin.html")).RequireAuthorization(ConsoleRoles.Admin);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string name)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = EmbeddedAssets.Render(name, new Dictionary<string, string>
        {
            ["csrf"] = tokens.RequestToken ?? "",
            ["user"] = context.User.Identity?.Name ?? "",
            ["role"] = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "",
        });
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
