namespace EdgeGateway.Console.Api;

/// <summary>The answer of <c>GET /api/v1/me</c>: who is signed in, with which role.</summary>
public sealed record SignedInOperator(string? Name, string? Role);
