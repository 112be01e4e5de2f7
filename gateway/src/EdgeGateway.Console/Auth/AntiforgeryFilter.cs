using EdgeGateway.Console.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Auth;

/// <summary>
/// Every state-changing request made with the session cookie must carry the anti-forgery token (header
/// <c>X-CSRF-TOKEN</c>, or form field <c>csrf</c>), else 400. Requests with an API token carry no ambient
/// credential and need none.
/// </summary>
internal sealed class AntiforgeryFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType != ApiTokenHandler.SchemeName && !await IsValidAsync(http).ConfigureAwait(false))
            return Problems.BadField("X-CSRF-TOKEN", "the anti-forgery token is missing or invalid; reload the page");
        return await next(context).ConfigureAwait(false);
    }

    public static async Task<bool> IsValidAsync(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false);
    }
}
