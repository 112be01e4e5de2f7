using System.Text.Encodings.Web;
using EdgeGateway.Core.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Console.Auth;

/// <summary>Scripts authenticate with <c>Authorization: Bearer egw_…</c>, the operator's API token (<c>edgegw operator token</c>).</summary>
internal sealed class ApiTokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "token";

    private readonly OperatorStore _operators;

    public ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorStore operators)
        : base(options, logger, encoder)
    {
        _operators = operators;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return Task.FromResult(AuthenticateResult.NoResult());
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 256) return Task.FromResult(AuthenticateResult.Fail("malformed token"));
        var account = _operators.FindByToken(token);
        if (account is null) return Task.FromResult(AuthenticateResult.Fail("unknown token"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ConsoleRoles.Principal(account, SchemeName), SchemeName)));
    }
}
