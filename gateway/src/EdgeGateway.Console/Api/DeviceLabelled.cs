namespace EdgeGateway.Console.Api;

/// <summary>The answer of <c>PUT /api/v1/devices/{id}/label</c>: the device and its label now (null when cleared).</summary>
public sealed record DeviceLabelled(string Id, string? Label);
