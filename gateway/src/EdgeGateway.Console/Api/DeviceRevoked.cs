namespace EdgeGateway.Console.Api;

/// <summary>The answer of <c>POST /api/v1/devices/{id}/revoke</c>: <c>{"id":"…","revoked":true}</c>.</summary>
public sealed record DeviceRevoked(string Id, bool Revoked);
