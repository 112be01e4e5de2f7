namespace EdgeGateway.Console.Api;

/// <summary>The answer of <c>/readyz</c>: <c>ready</c>, <c>degraded</c> or <c>unready</c>, and each check by name, <c>ok</c> or <c>down</c>.</summary>
public sealed record Readiness(string Status, IReadOnlyDictionary<string, string> Checks);
