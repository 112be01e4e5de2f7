using System.Security.Claims;
using EdgeGateway.Console.Api;
using EdgeGateway.Core.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Auth;

/// <summary>
/// Who may do what: a session cookie (<c>egw_session</c>: HttpOnly, SameSite=Strict, Secure over HTTPS) after the
/// login form, or an operator's API token (<c>Authorization: Bearer</c>). A session ends when its operator is removed
/// or their password or role changes (the account's stamp is checked on each request). The API answers 401/403
/// with problem details; pages redirect to the login form.
/// </summary>
internal static class ConsoleAuth
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string Either = "egw";

    public static void Add(IServiceCollection services, ConsoleOptions options)
    {
        services.AddAuthentication(Either)
            .AddPolicyScheme(Either, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal) ? ApiTokenHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "egw_session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionIdle;
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.Events.OnRedirectToLogin = context => Deny(context.HttpContext, StatusCodes.Status401Unauthorized, context.RedirectUri);
                o.Events.OnRedirectToAccessDenied = context => Deny(context.HttpContext, StatusCodes.Status403Forbidden, null);
                o.Events.OnValidatePrincipal = ValidateAsync;
            });
        services.AddAuthorization(o =>
        {
            o.AddPolicy(ConsoleRoles.Operator, p => p.RequireAuthenticatedUser().RequireAssertion(c => ConsoleRoles.Has(c.User, OperatorRole.Operator)));
            o.AddPolicy(ConsoleRoles.Technician, p => p.RequireAuthenticatedUser().RequireAssertion(c => ConsoleRoles.Has(c.User, OperatorRole.Technician)));
            o.AddPolicy(ConsoleRoles.Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => ConsoleRoles.Has(c.User, OperatorRole.Admin)));
        });
    }

    private static Task Deny(HttpContext context, int status, string? redirect)
    {
        if (context.Request.Path.StartsWithSegments("/api") || redirect is null)
        {
            return Problems.WriteAsync(context, status, status == 401 ? "Unauthorized" : "Forbidden",
                status == 401 ? "log in, or send an operator's API token as Authorization: Bearer" : "your role may not do this");
        }
        context.Response.Redirect(redirect);
        return Task.CompletedTask;
    }

    /// <summary>The session's operator must still exist with the same stamp (password and role unchanged).</summary>
    private static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<OperatorStore>();
        var name = context.Principal?.Identity?.Name;
        var account = name is null ? null : store.Find(name);
        if (account is null || account.Stamp != context.Principal!.FindFirstValue(ConsoleRoles.StampClaim))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieScheme);
        }
        return Task.CompletedTask;
    }
}
