namespace EdgeGateway.Console.Api;

/// <summary>One operator as <c>GET /api/v1/operators</c> lists it: never the password hash or the token, only whether there is a token. <paramref name="Created"/> is Unix milliseconds.</summary>
public sealed record OperatorView(string Name, string Role, long Created, bool HasToken);
