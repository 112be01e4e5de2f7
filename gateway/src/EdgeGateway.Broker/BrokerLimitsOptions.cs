namespace EdgeGateway.Broker;

/// <summary>
/// Section <c>Broker:Limits</c>: what one client, or many, may cost the gateway before and after login. Every value
/// has a safe default; <c>docs/SECURITY.md</c> says why each is what it is.
/// </summary>
public sealed class BrokerLimitsOptions
{
    /// <summary>Open connections in all (logged in or not). Beyond it the oldest not-yet-logged-in one is closed, else the new one.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Open connections from one IP address (devices behind one NAT share one).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 200;

    /// <summary>Connections that have not yet sent their CONNECT, in all. Beyond it the oldest of them is closed.</summary>
    public int MaxPendingConnections { get; set; } = 200;

    /// <summary>Connections from one IP address that have not yet sent their CONNECT. Beyond it that address's oldest is closed.</summary>
    public int MaxPendingPerAddress { get; set; } = 10;

    /// <summary>How long a connection may take to deliver its whole CONNECT (including a TLS handshake) before it is closed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest CONNECT accepted, in bytes (remaining length). A bigger one is refused before its body is read.</summary>
    public int MaxConnectPacketBytes { get; set; } = 4096;

    /// <summary>The largest packet accepted after the CONNECT, in bytes (an event envelope is at most 1 KB).</summary>
    public int MaxPacketBytes { get; set; } = 4096;

    /// <summary>
    /// The MQTT 5 Receive Maximum announced in every CONNACK: how many QoS 1 publishes a client may have outstanding
    /// (sent, not yet acked). It bounds how long a device's PUBACK can take under overload (see docs/SECURITY.md).
    /// </summary>
    public int ReceiveMaximum { get; set; } = 10;

    public IEnumerable<string> Validate()
    {
        if (ReceiveMaximum is < 1 or > 65535) yield return $"Broker:Limits:ReceiveMaximum {ReceiveMaximum} must be 1-65535";
        if (MaxConnections is < 1 or > 100_000) yield return $"Broker:Limits:MaxConnections {MaxConnections} must be 1-100000";
        if (MaxConnectionsPerAddress < 1 || MaxConnectionsPerAddress > MaxConnections)
            yield return $"Broker:Limits:MaxConnectionsPerAddress {MaxConnectionsPerAddress} must be 1-{MaxConnections} (Broker:Limits:MaxConnections)";
        if (MaxPendingConnections < 1 || MaxPendingConnections > MaxConnections)
            yield return $"Broker:Limits:MaxPendingConnections {MaxPendingConnections} must be 1-{MaxConnections} (Broker:Limits:MaxConnections)";
        if (MaxPendingPerAddress < 1 || MaxPendingPerAddress > MaxPendingConnections)
            yield return $"Broker:Limits:MaxPendingPerAddress {MaxPendingPerAddress} must be 1-{MaxPendingConnections} (Broker:Limits:MaxPendingConnections)";
        if (ConnectTimeout < TimeSpan.FromSeconds(1) || ConnectTimeout > TimeSpan.FromMinutes(2))
            yield return $"Broker:Limits:ConnectTimeout {ConnectTimeout} must be between 00:00:01 and 00:02:00";
        if (MaxConnectPacketBytes is < 256 or > 65536) yield return $"Broker:Limits:MaxConnectPacketBytes {MaxConnectPacketBytes} must be 256-65536";
        if (MaxPacketBytes is < 2048 or > 1_048_576) yield return $"Broker:Limits:MaxPacketBytes {MaxPacketBytes} must be 2048-1048576 (an envelope is up to 1 KB)";
    }
}
