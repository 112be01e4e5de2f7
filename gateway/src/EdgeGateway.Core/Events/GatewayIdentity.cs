namespace EdgeGateway.Core.Events;

/// <summary>
/// Who the gateway is in its own events: <c>dev</c> = the gateway id, <c>boot</c> = its boot counter (kept on disk,
/// one higher each start), so the ids <c>{gw}:{boot}:{seq}</c> of its events never repeat across restarts.
/// </summary>
public sealed record GatewayIdentity(string Id, long Boot);
