using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Console.Api;

/// <summary>RFC 9457 problem-details answers; a 400 names the field (<c>field</c>) that was wrong.</summary>
internal static class Problems
{
    public static IResult BadField(string field, string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Status(int status, string detail) => Results.Problem(detail, statusCode: status);

    /// <summary>Writes a problem directly (for authentication events, which have no endpoint result to return).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
