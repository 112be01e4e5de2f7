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
        api.MapGet("/me", (HttpContext context) => Results.Json(
            new SignedInOperator(context.User.Identity?.Name, context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value),
            ConsoleJsonContext.Default.SignedInOperator));
        admin.MapGet("/operators", (OperatorStore store) => Results.Json(
            store.List().Select(o => new OperatorView(o.Name, ConsoleRoles.Name(o.Role), o.Created.ToUnixTimeMilliseconds(), o.TokenHash is not null)).ToList(),
            ConsoleJsonContext.Default.IReadOnlyListOperatorView));
        admin.MapGet("/audit", (HttpContext context, AuditLog audit) =>
        {
            var text = context.Request.Query["max"].ToString();
            var max = 100;
            if (text.Length > 0 && (!int.TryParse(text, out max) || max is < 1 or > MaxAudit))
                return Problems.BadField("max", $"max must be a whole number 1..{MaxAudit}");
            return Results.Json(audit.Recent(max), ConsoleJsonContext.Default.IReadOnlyListAuditEntry);
        });
    }
}
