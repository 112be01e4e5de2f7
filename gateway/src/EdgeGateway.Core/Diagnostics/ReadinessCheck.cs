namespace EdgeGateway.Core.Diagnostics;

/// <summary>
/// One part of the gateway that <c>/readyz</c> asks about (the composition root registers one per part: broker
/// listening, buffer writable, uplink connected). A failing <see cref="Critical"/> check makes the gateway unready;
/// a failing non-critical one (the uplink) only marks it degraded: alarms are still taken and kept.
/// </summary>
public sealed record ReadinessCheck(string Name, bool Critical, Func<bool> IsReady);
