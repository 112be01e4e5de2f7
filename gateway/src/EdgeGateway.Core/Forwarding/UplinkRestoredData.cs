namespace EdgeGateway.Core.Forwarding;

/// <summary>The <c>uplink_restored</c> gateway event: how long the uplink was gone and what waited for it.</summary>
internal sealed record UplinkRestoredData(string Uplink, long OutageMs, long Backlog, IReadOnlyList<long> BacklogByClass);
