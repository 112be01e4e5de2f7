using EdgeGateway.Console.Audit;
using EdgeGateway.Console.Auth;
using EdgeGateway.Core.Operators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Console.Api;

/// <summary><c>/api/v1/me</c> (any role); <c>/api/v1/operators</c> and <c>/api/v1/audit</c> (admin).</summary>
internal static class AdminEndpoints
{
    public const int MaxAudit = 1000;

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder admin)
    {
        api.MapGet("/me", (HttpContext context) => Results.Ok(new
        {
            name = context.User.Identity?.Name,
            role = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value,
        }));
        admin.MapGet("/operators", (OperatorStore store) => Results.Ok(store.List().Select(o => new
        {
            name = o.Name,
            role = ConsoleRoles.Name(o.Role),
            created = o.Created.ToUnixTimeMilliseconds(),
            hasToken = o.TokenHash is not null,
        })));
        admin.MapGet("/audit", (HttpContext context, AuditLog audit) =>
        {
            var text = context.Request.Query["max"].ToString();
            var max = 100;
            if (text.Length > 0 && (!int.TryParse(text, out max) || max is < 1 or > MaxAudit))
                return Problems.BadField("max", $"max must be a whole number 1..{MaxAudit}");
            return Results.Ok(audit.Recent(max));
        });
    }
}
