using System.Buffers;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Health;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Broker.Listener;
using EdgeGateway.Core.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeGateway.Broker;

/// <summary>
/// The embedded MQTT broker (MQTTnet). Devices publish to <c>sec/v1/{id}/evt</c>; each publish is handed to
/// <see cref="IngestPipeline"/> inside <c>InterceptingPublishAsync</c>. MQTTnet sends the PUBACK only after that
/// handler returns, so the ack follows the durable commit (G1). A refused publish closes the connection
/// instead of acking it, so the device keeps the event.
/// </summary>
internal sealed class MqttBrokerService : IHostedService, IDeviceConnections, IAsyncDisposable
{
    /// <summary>Queued QoS 1 messages MQTTnet keeps per session in memory (commands are also kept durably by <see cref="DeviceCommandDelivery"/>).</summary>
    public const int MaxPendingPerSession = 64;

    /// <summary>
    /// The bytes each session's packet writer starts with (MQTTnet's default is 4 KB, 4 MB per 1,000 devices). What the
    /// broker sends a device (CONNACK, PUBACK, a command) is far smaller; a bigger packet grows that writer by doubling.
    /// </summary>
    public const int WriterBufferBytes = 256;

    /// <summary>What a grown writer is cut back to once its packet is sent (MQTTnet's default keeps up to 64 KB per session).</summary>
    public const int WriterBufferMaxBytes = 4096;

    private readonly BrokerOptions _options;
    private readonly IngestPipeline _ingest;
    private readonly ILogger _logger;
    private readonly BrokerAccess _access;
    private readonly DeviceCommandDelivery _commands;
    private readonly GuardMetrics _guardMetrics;
    private readonly TimeProvider _time;
    private readonly RefusalLogGate _logGate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BrokerProbe _probe = new();
    private readonly Heartbeat _heartbeat;
    private readonly TimeSpan _probeInterval;
    private MqttServer? _server;
    private Task _expiry = Task.CompletedTask;
    private Task _probing = Task.CompletedTask;

    public MqttBrokerService(BrokerOptions options, IngestPipeline ingest, ILogger<MqttBrokerService> logger, BrokerAccess access, DeviceCommandDelivery commands,
        GuardMetrics guardMetrics, TimeProvider time, LivenessRegistry liveness)
    {
        ArgumentNullException.ThrowIfNull(liveness);
        _heartbeat = liveness.Register("broker");
        _probeInterval = liveness.TickInterval;
        _guardMetrics = guardMetrics;
        _time = time;
        _logGate = new RefusalLogGate(time);
        _options = options;
        _ingest = ingest;
        _logger = logger;
        _access = access;
        _commands = commands;
    }

    public bool IsRunning => _server is { IsStarted: true };

    public bool RequiresAuth => _access.RequireAuth;

    /// <summary>The bound TLS port, or 0 when TLS is off.</summary>
    public int TlsPort { get; private set; }

    /// <summary>The bound port (useful when configured as 0).</summary>
    public int Port { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Port 0 means "any free port" (tests, benches). The probed port can be taken by another process before
        // the listener binds; then probe again rather than fail the start.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync().ConfigureAwait(false);
                return;
            }
            catch (SocketException ex) when (_options.Port == 0 && attempt < 5 && ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                _server?.Dispose();
                _server = null;
            }
        }
    }

    private async Task StartOnceAsync()
    {
        var port = _options.Port == 0 ? FreeTcpPort.Pick() : _options.Port;
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(_options.Host))
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(MaxPendingPerSession)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage);
        var tlsPort = BrokerTls.Configure(builder, _options, FreeTcpPort.Pick);
        var serverOptions = builder.Build();
        serverOptions.WriterBufferSize = WriterBufferBytes;
        serverOptions.WriterBufferSizeMax = WriterBufferMaxBytes;
        var listener = new GuardedTcpServerAdapter(_options.Limits, _guardMetrics, _time, _logger);
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [listener]);
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        _server.InterceptingSubscriptionAsync += _access.InterceptSubscriptionAsync;
        _server.ClientConnectedAsync += OnClientConnectedAsync;
        _server.InterceptingOutboundPacketAsync += AnnounceReceiveMaximumAsync;
        _commands.Attach(_server);
        await _server.StartAsync().ConfigureAwait(false);
        _expiry = ExpireCommandsAsync(_stopping.Token);
        _probing = ProbeAsync(port, _stopping.Token);
        Port = port;
        BrokerLog.Listening(_logger, _options.Host, port);
        TlsPort = tlsPort;
        if (tlsPort != 0) AccessLog.TlsListening(_logger, _options.Host, tlsPort);
        _access.WarnIfOpen();
    }

    private async Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (string.Equals(e.ClientId, _probe.ClientId, StringComparison.Ordinal))
        {
            e.ReasonCode = MqttConnectReasonCode.NotAuthorized; // the watchdog's own probe: answered, never admitted
            return;
        }
        if (!DeviceIds.IsValid(e.ClientId))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            if (_logGate.ShouldLog("bad-client-id", out var suppressed)) BrokerLog.BadClientId(_logger, e.ClientId.Length, suppressed);
            return;
        }
        await _access.ValidateAsync(e).ConfigureAwait(false);
        if (e.ReasonCode == MqttConnectReasonCode.Success) _commands.OnAccepted(e.ClientId, e.CleanSession ?? true);
    }

    /// <summary>
    /// Puts <see cref="BrokerLimitsOptions.ReceiveMaximum"/> into each accepting CONNACK (MQTTnet announces none, that is
    /// 65,535). An MQTT 3.1.1 CONNACK has no such field; the formatter leaves it out.
    /// </summary>
    private Task AnnounceReceiveMaximumAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttConnAckPacket { ReasonCode: MqttConnectReasonCode.Success } connack) connack.ReceiveMaximum = (ushort)_options.Limits.ReceiveMaximum;
        return Task.CompletedTask;
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        ProtocolOf.Remember(e.SessionItems, e.ProtocolVersion);
        return _access.OnConnectedAsync(e);
    }

    private async Task ExpireCommandsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) _commands.ExpireDue();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Ticks the broker's heartbeat each time its own listener answers a CONNECT (see <see cref="BrokerProbe"/>).</summary>
    private async Task ProbeAsync(int port, CancellationToken stoppingToken)
    {
        var host = IPAddress.Parse(_options.Host);
        using var timer = new PeriodicTimer(_probeInterval);
        try
        {
            do
            {
                if (await _probe.ProbeAsync(host, port, _probeInterval, stoppingToken).ConfigureAwait(false)) _heartbeat.Tick();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task<IReadOnlyList<string>> ConnectedDeviceIdsAsync(CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server) return [];
        var clients = await server.GetClientsAsync().ConfigureAwait(false);
        return clients.Select(c => c.Id).ToList();
    }

    public async Task<bool> DisconnectAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server) return false;
        var client = (await server.GetClientsAsync().ConfigureAwait(false)).FirstOrDefault(c => string.Equals(c.Id, deviceId, StringComparison.Ordinal));
        if (client is null) return false;
        await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized }).ConfigureAwait(false);
        return true;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId)) return; // injected by the gateway itself (commands)
        if (!_access.AllowPublish(e))
        {
            Answer(e, MqttPubAckReasonCode.NotAuthorized); // ACL: only under its own sec/v1/{id}/
            return;
        }

        var topic = e.ApplicationMessage.Topic;
        if (!Topics.TryParse(topic, out var device, out var leaf))
        {
            Refuse(e, e.ClientId, EnvelopeError.BadTopic, "topic is not sec/v1/{id}/evt|state", MqttPubAckReasonCode.TopicNameInvalid);
            return;
        }
        switch (leaf)
        {
            case Topics.EvtLeaf:
                await IngestAsync(e, device).ConfigureAwait(false);
                return;
            case Topics.StateLeaf:
                if (!DeviceStatePayload.IsValid(e.ApplicationMessage.Payload))
                {
                    Refuse(e, device, EnvelopeError.BadField, "state payloads are 'online' or 'offline'", MqttPubAckReasonCode.PayloadFormatInvalid);
                }
                return; // retained online/offline: routed as usual
            default:
                Refuse(e, e.ClientId, EnvelopeError.BadTopic, "devices publish only to evt and state", MqttPubAckReasonCode.TopicNameInvalid);
                return;
        }
    }

    private async Task IngestAsync(InterceptingPublishEventArgs e, string device)
    {
        e.ProcessPublish = false; // events are not routed to subscribers; the buffer is their only consumer
        if (e.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            _ingest.Refuse(device, EnvelopeError.BadField, "events must be published with QoS 1");
            e.CloseConnection = true; // a QoS 0 publish has no PUBACK to carry a reason code
            return;
        }
        var payload = e.ApplicationMessage.Payload.ToArray();
        IngestResult result;
        try
        {
            result = await _ingest.IngestEventAsync(device, payload, e.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not stored, so not acked: the device keeps the event and retries (also over MQTT 5, where an error
            // PUBACK would end the message's delivery).
            if (_logGate.ShouldLog("commit:" + device, out var suppressed)) BrokerLog.CommitFailed(_logger, device, ex.Message, suppressed);
            e.CloseConnection = true;
            return;
        }
        if (!result.Accepted) Answer(e, MqttPubAckReasonCode.PayloadFormatInvalid);
        else _access.Ingested(device, result.Type);
    }

    private void Refuse(InterceptingPublishEventArgs e, string device, EnvelopeError error, string detail, MqttPubAckReasonCode code)
    {
        _ingest.Refuse(device, error, detail);
        Answer(e, code);
    }

    /// <summary>
    /// A refused publish is never routed. An MQTT 5 client gets a PUBACK with the reason code and stays connected; MQTT
    /// 3.1.1 has no negative PUBACK, so that client is disconnected instead (it keeps the message).
    /// </summary>
    private static void Answer(InterceptingPublishEventArgs e, MqttPubAckReasonCode code)
    {
        e.ProcessPublish = false;
        if (ProtocolOf.IsV5(e.SessionItems)) e.Response.ReasonCode = code;
        else e.CloseConnection = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _expiry.ConfigureAwait(false);
        await _probing.ConfigureAwait(false);
        if (_server is { IsStarted: true }) await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }
}
