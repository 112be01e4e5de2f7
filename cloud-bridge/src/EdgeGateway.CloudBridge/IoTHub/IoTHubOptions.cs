namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>Section <c>Uplink:IoTHub</c>: the gateway as an Azure IoT Hub device over MQTT 3.1.1/TLS.</summary>
public sealed class IoTHubOptions
{
    /// <summary>
    /// <c>HostName=…;DeviceId=…;SharedAccessKey=…</c>. Put it in the environment variable
    /// <c>EDGEGW_Uplink__IoTHub__ConnectionString</c> rather than a file. Never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where to connect when it is not the connection string's HostName (a proxy or a test hub). TLS still checks HostName.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 8883;

    /// <summary>A PEM or DER CA certificate to trust instead of the system store (a private CA, or a test hub).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>How long each SAS token is valid. The link reconnects with a fresh token before it expires.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Reconnect with a fresh token when less than this is left.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromMinutes(5);

    public IoTHubTier Tier { get; set; } = IoTHubTier.S1;

    public int Units { get; set; } = 1;

    /// <summary>Device-to-cloud sends per second; 0 = the tier's throttle (S1: 100/s).</summary>
    public int SendRatePerSecond { get; set; }

    /// <summary>
    /// Most device-to-cloud messages handed to the hub and not yet PUBACKed, alarms included (each one is a message at the
    /// hub). A message beyond it waits in the gateway, where no ack timeout runs, instead of at a hub that acks slower than
    /// the gateway sends. The link carries at most this many messages per round trip (raise it for a far hub on S3, or
    /// batch); a hub would have to ack fewer than <c>MaxInflight / AckTimeout</c> messages a second (3.2/s at the defaults)
    /// before a message timed out. Twin requests and method answers do not count.
    /// </summary>
    public int MaxInflight { get; set; } = 32;

    /// <summary>
    /// Of <see cref="MaxInflight"/>, the slots kept for alarms: at most this many alarm messages are unacked at once, and no
    /// other message ever takes these slots (the others share <c>MaxInflight - MaxAlarmInflight</c>), so an alarm never
    /// waits for a slot other traffic holds. Alarms that find all of theirs taken wait in the gateway, where no ack timeout
    /// runs (with <see cref="PackWaitingAlarms"/> on, they go up together in the next message), and at a slow hub an alarm
    /// queues behind at most this many alarm messages there.
    /// </summary>
    public int MaxAlarmInflight { get; set; } = 4;

    /// <summary>
    /// Off (the default, as SPEC.md asks): every P0 goes up alone, one per message, with <c>type</c> and <c>dev</c> in its
    /// properties. On: P0 events that had to wait (for the link, an alarm slot or the send rate) go up together in the
    /// next message, a JSON array as for P2/P3 batches with only <c>prio=P0</c> in its properties. Turn it on only when the
    /// cloud's consumers and routes take arrays for P0 (routing on <c>type</c> or <c>dev</c> would miss a packed panic); it
    /// is what keeps a burst of panics seconds, not minutes, late at a hub that acks slower than they come.
    /// </summary>
    public bool PackWaitingAlarms { get; set; }

    /// <summary>The hub's message size limit; batches are packed below it.</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a message may wait for the hub's PUBACK, counted from when it is handed to the client (not while it
    /// waits for the link or the send rate); past it the connection that message used counts as stalled and is closed.
    /// </summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connect may take, and how long a send attempt waits for the link to be up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT keep-alive; a dead link is noticed within about 1.5 × this.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reported properties go up on change, but at most this often.</summary>
    public TimeSpan ReportedMinInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the gateway status is checked for changes.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Basic tiers (B1–B3) have no cloud-to-device messages, direct methods or twins: the uplink then only sends.</summary>
    public bool HasCloudToDevice => Tier is not (IoTHubTier.B1 or IoTHubTier.B2 or IoTHubTier.B3);

    /// <summary>The effective send rate: the override, or the tier's device-to-cloud throttle.</summary>
    public int EffectiveSendRate => SendRatePerSecond > 0 ? SendRatePerSecond : Tier switch
    {
        IoTHubTier.S2 or IoTHubTier.B2 => Math.Max(100, 120 * Units),
        IoTHubTier.S3 or IoTHubTier.B3 => 6000 * Units,
        _ => Math.Max(100, 12 * Units),
    };

    public IEnumerable<string> Validate()
    {
        const string s = "Uplink:IoTHub:";
        string? csProblem = null;
        try
        {
            IoTHubConnectionString.Parse(ConnectionString);
        }
        catch (FormatException ex)
        {
            csProblem = $"{s}ConnectionString: {ex.Message} (set it, or the environment variable EDGEGW_Uplink__IoTHub__ConnectionString)";
        }
        if (csProblem is not null) yield return csProblem;
        if (Port is < 1 or > 65535) yield return $"{s}Port {Port} is not a TCP port";
        if (CaCertificatePath is not null && !File.Exists(CaCertificatePath)) yield return $"{s}CaCertificatePath '{CaCertificatePath}' does not exist";
        if (TokenLifetime < TimeSpan.FromSeconds(10)) yield return $"{s}TokenLifetime must be at least 10 s";
        if (TokenRenewBefore <= TimeSpan.Zero || TokenRenewBefore >= TokenLifetime) yield return $"{s}TokenRenewBefore must be positive and shorter than TokenLifetime";
        if (Units < 1) yield return $"{s}Units must be >= 1";
        if (SendRatePerSecond < 0) yield return $"{s}SendRatePerSecond must be >= 0 (0 = the tier's limit)";
        if (MaxInflight is < 1 or > 65535) yield return $"{s}MaxInflight {MaxInflight} must be 1..65535";
        else if (MaxAlarmInflight < 1 || MaxAlarmInflight >= MaxInflight)
            yield return $"{s}MaxAlarmInflight {MaxAlarmInflight} must be 1..{MaxInflight - 1} (alarms need a slot, and MaxInflight must leave one for other messages)";
        if (MaxMessageBytes is < 4096 or > 256 * 1024) yield return $"{s}MaxMessageBytes must be 4096..262144 (IoT Hub's limit is 256 KB)";
        if (AckTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero) yield return $"{s}AckTimeout and ConnectTimeout must be positive";
        if (KeepAlive < TimeSpan.FromSeconds(1)) yield return $"{s}KeepAlive must be at least 1 s";
        if (ReportedMinInterval < TimeSpan.Zero || StatusPollInterval <= TimeSpan.Zero) yield return $"{s}ReportedMinInterval and StatusPollInterval must be positive";
    }
}
