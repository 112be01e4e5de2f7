using System.Security.Claims;
using EdgeGateway.Core.Operators;

namespace EdgeGateway.Console.Auth;

/// <summary>The authorization policies, one per role; a higher role passes every lower role's policy.</summary>
internal static class ConsoleRoles
{
    public const string Operator = "operator";
    public const string Technician = "technician";
    public const string Admin = "admin";
    public const string StampClaim = "egw_stamp";

    public static string Name(OperatorRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out OperatorRole role)
    {
        role = default;
        return text is Operator or Technician or Admin && Enum.TryParse(text, ignoreCase: true, out role);
    }

    public static bool Has(ClaimsPrincipal user, OperatorRole atLeast) =>
        TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) && role >= atLeast;

    public static ClaimsPrincipal Principal(OperatorAccount account, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, Name(account.Role)),
                new Claim(StampClaim, account.Stamp),
            ], scheme));
}
