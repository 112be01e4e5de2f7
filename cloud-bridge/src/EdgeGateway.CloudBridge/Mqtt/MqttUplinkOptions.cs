namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>A generic MQTT broker upstream (Mosquitto, EMQX, HiveMQ, …).</summary>
public sealed class MqttUplinkOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>The client id upstream; defaults to the gateway id.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    /// <summary>Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The topic each event is published to. Placeholders: <c>{gw}</c>, <c>{dev}</c>, <c>{type}</c>, <c>{prio}</c>.
    /// </summary>
    public string TopicTemplate { get; set; } = "edge/{gw}/{dev}/{type}";

    /// <summary>How long a batch may wait for its PUBACKs before the link counts as stalled.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return "Uplink:Mqtt:Host is required";
        if (Port is < 1 or > 65535) yield return $"Uplink:Mqtt:Port {Port} is not a TCP port";
        if (string.IsNullOrWhiteSpace(TopicTemplate)) yield return "Uplink:Mqtt:TopicTemplate is required";
        else if (TopicTemplate.Contains('+') || TopicTemplate.Contains('#'))
            yield return "Uplink:Mqtt:TopicTemplate may not contain MQTT wildcards (+ or #)";
        if (AckTimeout <= TimeSpan.Zero) yield return "Uplink:Mqtt:AckTimeout must be positive";
    }
}
