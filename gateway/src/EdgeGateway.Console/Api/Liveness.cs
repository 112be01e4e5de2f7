namespace EdgeGateway.Console.Api;

/// <summary>The answer of <c>/healthz</c>: <c>{"status":"alive"}</c> whenever the process answers.</summary>
public sealed record Liveness(string Status)
{
    public static readonly Liveness Alive = new("alive");
}
