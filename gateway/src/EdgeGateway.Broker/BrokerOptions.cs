using System.Net;

namespace EdgeGateway.Broker;

/// <summary>Section <c>Broker</c>: the embedded MQTT broker devices connect to.</summary>
public sealed class BrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>Devices must present their id as user name and their registry secret as password (default on).</summary>
    public bool RequireAuth { get; set; } = true;

    public BrokerTlsOptions Tls { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (!IPAddress.TryParse(Host, out _)) yield return $"Broker:Host '{Host}' is not an IP address";
        if (Port is < 0 or > 65535) yield return $"Broker:Port {Port} is not a TCP port (0 picks a free one)";
        foreach (var p in Tls.Validate()) yield return p;
    }
}
