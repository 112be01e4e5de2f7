using System.Net;

namespace EdgeGateway.Broker;

/// <summary>Section <c>Broker</c>: the embedded MQTT broker devices connect to.</summary>
public sealed class BrokerOptions
{
    /// <summary>The address the device listener binds: on a site the Pi's LAN address (or 0.0.0.0) so devices on Wi-Fi reach it.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The device listener's TCP port (0 picks a free one).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Devices must present their id as user name and their registry secret as password (default on).</summary>
    public bool RequireAuth { get; set; } = true;

    /// <summary>How long the first failed login waits before its refusal; each further failure of the id or address doubles it.</summary>
    public TimeSpan AuthFailureDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest a failed login waits before its refusal. A correct secret never waits.</summary>
    public TimeSpan AuthFailureDelayMax { get; set; } = TimeSpan.FromSeconds(5);

    public BrokerTlsOptions Tls { get; set; } = new();

    public BrokerLimitsOptions Limits { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (!IPAddress.TryParse(Host, out _)) yield return $"Broker:Host '{Host}' is not an IP address";
        if (Port is < 0 or > 65535) yield return $"Broker:Port {Port} is not a TCP port (0 picks a free one)";
        if (AuthFailureDelay < TimeSpan.Zero || AuthFailureDelay > TimeSpan.FromMinutes(1)) yield return $"Broker:AuthFailureDelay {AuthFailureDelay} must be between 0 and 00:01:00";
        if (AuthFailureDelayMax < AuthFailureDelay || AuthFailureDelayMax > TimeSpan.FromMinutes(5)) yield return $"Broker:AuthFailureDelayMax {AuthFailureDelayMax} must be at least Broker:AuthFailureDelay and at most 00:05:00";
        foreach (var p in Tls.Validate()) yield return p;
        foreach (var p in Limits.Validate()) yield return p;
    }
}
