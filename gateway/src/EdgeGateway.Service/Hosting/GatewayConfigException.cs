namespace EdgeGateway.Service.Hosting;

/// <summary>The configuration is invalid; the message lists every problem, one per line.</summary>
public sealed class GatewayConfigException : Exception
{
    public GatewayConfigException(IReadOnlyList<string> problems)
        : base("invalid configuration:\n  - " + string.Join("\n  - ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
