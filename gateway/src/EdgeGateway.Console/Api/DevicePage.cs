namespace EdgeGateway.Console.Api;

/// <summary>One page of <c>GET /api/v1/devices</c>: how many devices there are, how many match the filter, and this page of them.</summary>
public sealed record DevicePage(int Total, int Matched, int Offset, int Limit, IReadOnlyList<DeviceView> Items);
