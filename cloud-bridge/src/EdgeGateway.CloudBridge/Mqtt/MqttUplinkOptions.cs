namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>A generic MQTT broker upstream (Mosquitto, EMQX, HiveMQ, …).</summary>
public sealed class MqttUplinkOptions
{
    /// <summary>The cloud broker's host name or address (never the gateway's own listener).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The cloud broker's port.</summary>
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

    /// <summary>
    /// Send routine events (P2 and P3) several to a message on <see cref="BatchTopic"/> (see <c>MqttPublishPlan</c>)
    /// instead of one message each. Off by default: many clouds' rules expect one message per event. Alarms and other
    /// P0/P1 events always go alone on <see cref="TopicTemplate"/>.
    /// </summary>
    public bool BatchRoutine { get; set; }

    /// <summary>Where batched routine events go; <c>{gw}</c> is the gateway id.</summary>
    public string BatchTopic { get; set; } = "edge/{gw}/batch";

    /// <summary>The most bytes of events in one batch message (the upstream broker's packet limit must allow it).</summary>
    public int BatchMaxBytes { get; set; } = 128 * 1024;

    /// <summary>
    /// The most non-alarm publishes handed to the MQTT client and not yet acked; the rest wait in the gateway. An alarm
    /// takes no slot and goes straight to the client, so it is queued behind at most this many messages on the link
    /// (not behind the forwarder's whole window of batches). Too low a figure slows a backlog over a long round trip:
    /// at most this many messages per round trip (use <see cref="BatchRoutine"/> there).
    /// </summary>
    public int MaxRoutineInflight { get; set; } = 128;

    /// <summary>Connect over TLS (EMQX, HiveMQ, AWS IoT Core: usually port 8883).</summary>
    public bool Tls { get; set; }

    /// <summary>The server name TLS checks; defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>A PEM or DER CA to trust instead of the system store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>An X.509 client certificate (PEM), e.g. AWS IoT Core's device certificate. Needs <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The client certificate's private key (PEM). Never logged.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>
    /// Where the cloud sends commands to this gateway (<c>{"cmd":"ack","id":"pb-0042:17:1234","by":"…"}</c>), subscribed
    /// QoS 1 with a persistent session, so commands sent while the gateway was offline arrive when it is back.
    /// <c>{gw}</c> is the gateway id. Empty: no command subscription.
    /// </summary>
    public string CommandTopic { get; set; } = "edge/{gw}/cmd";

    /// <summary>Where each command's result is published (QoS 1). <c>{gw}</c> is the gateway id.</summary>
    public string ResultTopic { get; set; } = "edge/{gw}/cmd/res";

    /// <summary>
    /// The gateway's own status topic (<c>{gw}</c> is the gateway id), retained: <c>{"state":"online",…}</c> after each
    /// connect, and <c>{"state":"offline",…}</c> as the connection's last will (the broker publishes it when the gateway
    /// vanishes) and on an orderly stop, so the cloud supervises the gateway. Empty: no status topic.
    /// </summary>
    public string StatusTopic { get; set; } = "edge/{gw}/status";

    /// <summary>
    /// How long a batch may wait for its PUBACKs, counted from when it is handed to the client (not while it waits for
    /// the link); past it the connection the batch used counts as stalled and is closed.
    /// </summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connect may take, and how long a send attempt waits for the link to be up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return "Uplink:Mqtt:Host is required";
        if (Port is < 1 or > 65535) yield return $"Uplink:Mqtt:Port {Port} is not a TCP port";
        if (string.IsNullOrWhiteSpace(TopicTemplate)) yield return "Uplink:Mqtt:TopicTemplate is required";
        else if (TopicTemplate.Contains('+') || TopicTemplate.Contains('#'))
            yield return "Uplink:Mqtt:TopicTemplate may not contain MQTT wildcards (+ or #)";
        if (!Tls && (CaCertificatePath ?? ClientCertificatePath ?? ClientKeyPath) is not null)
            yield return "Uplink:Mqtt: CaCertificatePath, ClientCertificatePath and ClientKeyPath need Uplink:Mqtt:Tls=true";
        if ((ClientCertificatePath is null) != (ClientKeyPath is null))
            yield return "Uplink:Mqtt:ClientCertificatePath and ClientKeyPath go together";
        foreach (var (name, path) in new[] { ("CaCertificatePath", CaCertificatePath), ("ClientCertificatePath", ClientCertificatePath), ("ClientKeyPath", ClientKeyPath) })
        {
            if (path is not null && !File.Exists(path)) yield return $"Uplink:Mqtt:{name} '{path}' does not exist";
        }
        if (StatusTopic.Contains('#') || StatusTopic.Contains('+')) yield return "Uplink:Mqtt:StatusTopic may not contain MQTT wildcards (+ or #)";
        if (BatchRoutine && (string.IsNullOrWhiteSpace(BatchTopic) || BatchTopic.Contains('#') || BatchTopic.Contains('+')))
            yield return "Uplink:Mqtt:BatchTopic must be a topic without wildcards when BatchRoutine is on";
        if (BatchMaxBytes is < 1024 or > 16 * 1024 * 1024) yield return $"Uplink:Mqtt:BatchMaxBytes {BatchMaxBytes} must be 1024..16777216";
        if (MaxRoutineInflight is < 1 or > 65535) yield return $"Uplink:Mqtt:MaxRoutineInflight {MaxRoutineInflight} must be 1..65535";
        if (AckTimeout <= TimeSpan.Zero) yield return "Uplink:Mqtt:AckTimeout must be positive";
        if (ConnectTimeout <= TimeSpan.Zero) yield return "Uplink:Mqtt:ConnectTimeout must be positive";
        if (!string.IsNullOrEmpty(CommandTopic))
        {
            if (CommandTopic.Contains('#') || CommandTopic.Contains('+')) yield return "Uplink:Mqtt:CommandTopic may not contain MQTT wildcards (+ or #)";
            if (string.IsNullOrWhiteSpace(ResultTopic) || ResultTopic.Contains('#') || ResultTopic.Contains('+'))
                yield return "Uplink:Mqtt:ResultTopic must be a topic without wildcards when CommandTopic is set";
            else if (ResultTopic == CommandTopic) yield return "Uplink:Mqtt:ResultTopic must differ from CommandTopic (results would come back as commands)";
        }
    }
}
