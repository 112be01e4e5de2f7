namespace EdgeGateway.Core.Commands;

/// <summary>
/// One command for one device's <c>sec/v1/{id}/cmd</c> topic, e.g. <c>{"cmd":"ack","id":"pb-0042:17:1234"}</c>.
/// <paramref name="Id"/> is the gateway's handle for it (never sent to the device); a command not delivered by
/// <paramref name="ExpiresAt"/> is dropped and counted (an ack older than its TTL is useless).
/// </summary>
public sealed record DeviceCommand(string Id, string DeviceId, string Name, byte[] Payload, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}
