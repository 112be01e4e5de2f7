using EdgeGateway.Console.Api;
using EdgeGateway.Console.Audit;
using EdgeGateway.Console.Pages;
using EdgeGateway.Core.Operators;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Console.Auth;

/// <summary>The login form (<c>GET/POST /login</c>) and <c>POST /logout</c>.</summary>
internal static class LoginEndpoints
{
    public const int MaxNameLength = 64;

    /// <summary>Checked against when the name is unknown, so a wrong name costs the same time as a wrong password.</summary>
    private static readonly OperatorAccount Nobody = CreateNobody();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, IAntiforgery antiforgery) => Page(context, antiforgery, "", StatusCodes.Status200OK));
        app.MapPost("/login", LoginAsync).DisableAntiforgery();
        app.MapPost("/logout", async (HttpContext context, AuditLog audit) =>
        {
            if (!await AntiforgeryFilter.IsValidAsync(context).ConfigureAwait(false)) return Problems.BadField("csrf", "the anti-forgery token is missing or invalid");
            audit.Write(context.User.Identity?.Name ?? "", "logout", "", "ok", AlarmEndpoints.Address(context));
            await context.SignOutAsync(ConsoleAuth.CookieScheme).ConfigureAwait(false);
            return Results.Redirect("/login", permanent: false, preserveMethod: false);
        });
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IAntiforgery antiforgery, OperatorStore store, LoginThrottle throttle,
        AuditLog audit, ILogger<LoginThrottle> logger)
    {
        if (!context.Request.HasFormContentType) return Problems.BadField("body", "log in with the form (application/x-www-form-urlencoded)");
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            return Page(context, antiforgery, "The form had expired. Please try again.", StatusCodes.Status400BadRequest);
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        if (name.Length is 0 or > MaxNameLength || password.Length is 0 or > OperatorPasswords.MaxLength)
            return Page(context, antiforgery, "Enter your operator name and password.", StatusCodes.Status400BadRequest);

        var address = AlarmEndpoints.Address(context);
        await Task.Delay(throttle.Begin(name, address), context.RequestAborted).ConfigureAwait(false);
        var account = store.Find(name);
        var ok = OperatorPasswords.Verify(password, account ?? Nobody) && account is not null;
        if (!ok)
        {
            ConsoleLog.LoginRefused(logger, name, address, throttle.Failures(name));
            audit.Write(name, "login", "", "refused", address);
            return Page(context, antiforgery, "Wrong operator name or password.", StatusCodes.Status401Unauthorized);
        }
        throttle.Succeeded(name, address);
        await context.SignInAsync(ConsoleAuth.CookieScheme, ConsoleRoles.Principal(account!, ConsoleAuth.CookieScheme)).ConfigureAwait(false);
        ConsoleLog.LoggedIn(logger, name, address);
        audit.Write(name, "login", "", "ok", address);
        return Results.Redirect("/", permanent: false, preserveMethod: false);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = EmbeddedAssets.Render("login.html", new Dictionary<string, string>
        {
            ["csrf"] = tokens.RequestToken ?? "",
            ["error"] = error,
            ["errorHidden"] = error.Length == 0 ? "hidden" : "",
        });
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static OperatorAccount CreateNobody()
    {
        var (salt, hash) = OperatorPasswords.Hash(Guid.NewGuid().ToString("N"));
        return new OperatorAccount("", OperatorRole.Operator, salt, hash, OperatorPasswords.Iterations, "", null, DateTimeOffset.UnixEpoch);
    }
}
