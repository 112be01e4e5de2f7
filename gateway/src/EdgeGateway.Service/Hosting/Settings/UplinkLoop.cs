using System.Net;
using System.Net.NetworkInformation;
using EdgeGateway.Broker;

namespace EdgeGateway.Service.Hosting.Settings;

/// <summary>
/// An MQTT uplink must not point at the gateway's own listener: events would be forwarded into the broker they came
/// from and refused there forever (issue 14: <c>--Uplink:Kind=mqtt</c> on defaults did exactly that).
/// </summary>
internal static class UplinkLoop
{
    public static string? Problem(UplinkOptions uplink, BrokerOptions broker)
    {
        if (uplink.Kind != UplinkOptions.MqttKind) return null;
        var mqtt = uplink.Mqtt;
        var ownPort = mqtt.Tls ? (broker.Tls.Enabled ? broker.Tls.Port : -1) : broker.Port;
        if (ownPort <= 0 || mqtt.Port != ownPort || !IsThisMachine(mqtt.Host, broker.Host)) return null;
        return $"Uplink:Mqtt:Host/Port {mqtt.Host}:{mqtt.Port} is the gateway's own broker (Broker:Host/Port {broker.Host}:{ownPort}): " +
            "events would be forwarded into the broker they came from. Set Uplink:Mqtt:Host (and Port) to the cloud broker";
    }

    private static bool IsThisMachine(string host, string brokerHost)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || string.Equals(host, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(host, out var address)) return false;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (IPAddress.TryParse(brokerHost, out var bound) && bound.Equals(address)) return true;
        return NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Any(u => u.Address.Equals(address));
    }
}
