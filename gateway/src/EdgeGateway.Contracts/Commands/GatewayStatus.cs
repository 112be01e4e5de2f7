namespace EdgeGateway.Contracts.Commands;

/// <summary>What the gateway reports about itself (twin reported properties, <c>getStatus</c>).</summary>
/// <param name="BacklogByClass">Buffered events per priority class, keyed <c>P0</c>..<c>P3</c>.</param>
public sealed record GatewayStatus(string Version, int DevicesOnline, IReadOnlyDictionary<string, long> BacklogByClass);
