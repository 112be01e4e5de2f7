using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// The one MQTT connection of the gateway's hub identity. Connects with a fresh SAS token, subscribes to C2D,
/// methods and twin, and reconnects (with a new token) when the token nears expiry. Connects are serialised
/// and reuse a single client, so there are never two connections for the identity.
/// </summary>
internal sealed class IoTHubLink : IAsyncDisposable
{
    private readonly IoTHubOptions _options;
    private readonly IoTHubConnectionString _identity;
    private readonly X509Certificate2? _ca;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskCompletionSource _lost = NewSignal();

    public IoTHubLink(IoTHubOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _identity = IoTHubConnectionString.Parse(options.ConnectionString);
        _ca = options.CaCertificatePath is null ? null : TrustedCa.Load(options.CaCertificatePath);
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public string DeviceId => _identity.DeviceId;

    public UplinkState State { get; private set; } = UplinkState.Disconnected;

    public DateTimeOffset TokenExpiresAt { get; private set; }

    /// <summary>Counts connections made (for status and tests).</summary>
    public int Connects { get; private set; }

    /// <summary>Completes when the current connection is lost.</summary>
    public Task Lost => Volatile.Read(ref _lost).Task;

    /// <summary>Raised after every successful connect.</summary>
    public ReconnectSignal Reconnected { get; } = new();

    /// <summary>Every message the hub sends the device.</summary>
    public event Func<MqttApplicationMessageReceivedEventArgs, Task> MessageReceived
    {
        add => _client.ApplicationMessageReceivedAsync += value;
        remove => _client.ApplicationMessageReceivedAsync -= value;
    }

    public bool TokenDue => _time.GetUtcNow() >= TokenExpiresAt - _options.TokenRenewBefore;

    /// <summary>Returns when connected with a token that is not due for renewal; connects or reconnects as needed.</summary>
    public async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected && !TokenDue) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected && !TokenDue) return;
            if (_client.IsConnected)
            {
                IoTHubLog.RenewingToken(_logger, TokenExpiresAt);
                await DisconnectQuietlyAsync().ConfigureAwait(false);
            }
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        State = UplinkState.Connecting;
        var expiresAt = _time.GetUtcNow() + _options.TokenLifetime;
        var token = SasToken.Create(SasToken.DeviceResource(_identity.HostName, _identity.DeviceId), _identity.Key, expiresAt);
        var host = _options.Host ?? _identity.HostName;
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, _options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(_identity.DeviceId)
            .WithCredentials(IoTHubTopics.Username(_identity.HostName, _identity.DeviceId), token)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout)
            .WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(_identity.HostName);
                if (_ca is not null) tls.WithCertificateValidationHandler(e => TrustedCa.Validate(e.Certificate, e.SslPolicyErrors, _ca));
            })
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        MqttClientConnectResult result;
        try
        {
            Volatile.Write(ref _lost, NewSignal());
            result = await _client.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            State = UplinkState.Disconnected;
            IoTHubLog.ConnectFailed(_logger, ex.Message);
            throw new UplinkException($"cannot connect to IoT Hub {host}:{_options.Port}: {ex.Message}", ex);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            State = UplinkState.Disconnected;
            IoTHubLog.ConnectFailed(_logger, result.ResultCode.ToString());
            throw new UplinkException($"IoT Hub {host}:{_options.Port} refused the connection: {result.ResultCode}");
        }
        try
        {
            if (_options.HasCloudToDevice) await SubscribeAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Never keep a connection without its subscriptions: C2D and methods would silently stop.
            await DisconnectQuietlyAsync().ConfigureAwait(false);
            throw ex as UplinkException ?? new UplinkException($"IoT Hub subscription failed: {ex.Message}", ex);
        }
        TokenExpiresAt = expiresAt;
        Connects++;
        State = UplinkState.Connected;
        IoTHubLog.Connected(_logger, host, _options.Port, _identity.DeviceId, expiresAt);
        Reconnected.Raise();
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(IoTHubTopics.DeviceBoundFilter(_identity.DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(IoTHubTopics.MethodsFilter, MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(IoTHubTopics.TwinResponseFilter, MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(IoTHubTopics.TwinDesiredFilter, MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        var result = await _client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
        foreach (var item in result.Items)
        {
            if ((int)item.ResultCode > 2) throw new UplinkException($"IoT Hub refused the subscription to {item.TopicFilter.Topic}: {item.ResultCode}");
        }
    }

    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess) throw new UplinkException($"IoT Hub refused a publish: {result.ReasonCode}");
    }

    /// <summary>Drops the connection (a stalled link); the next <see cref="EnsureConnectedAsync"/> builds a fresh one.</summary>
    public async Task ResetAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await DisconnectQuietlyAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DisconnectQuietlyAsync()
    {
        State = UplinkState.Disconnected;
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            UplinkLog.ResetFailed(_logger, "iothub", ex.Message);
        }
        Volatile.Read(ref _lost).TrySetResult();
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        State = UplinkState.Disconnected;
        if (e.ClientWasConnected) IoTHubLog.Disconnected(_logger, e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
        Volatile.Read(ref _lost).TrySetResult();
        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await DisconnectQuietlyAsync().ConfigureAwait(false);
        _client.Dispose();
        _gate.Dispose();
        _ca?.Dispose();
    }
}
