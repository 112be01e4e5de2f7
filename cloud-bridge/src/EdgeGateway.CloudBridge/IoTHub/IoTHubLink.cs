using System.Security.Cryptography.X509Certificates;
using EdgeGateway.CloudBridge.Resilience;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// The one MQTT connection of the gateway's hub identity. Connects with a fresh SAS token, subscribes to C2D,
/// methods and twin, and reconnects (with a new token) before the token expires. Only the keeper loop
/// (<see cref="LinkKeeper"/>, run by <see cref="RunAsync"/>) connects, over a single client, so there are never two
/// connections for the identity; sends wait for it (<see cref="WaitUpAsync"/>) and reset only the connection they used.
/// </summary>
internal sealed class IoTHubLink : IHubPublisher, IAsyncDisposable
{
    private readonly IoTHubOptions _options;
    private readonly IoTHubConnectionString _identity;
    private readonly X509Certificate2? _ca;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly LinkKeeper _keeper;
    private TaskCompletionSource _lost = NewSignal();

    public IoTHubLink(IoTHubOptions options, UplinkResilienceOptions resilience, TimeProvider time, ILogger logger)
    {
        _options = options;
        _identity = IoTHubConnectionString.Parse(options.ConnectionString);
        _ca = options.CaCertificatePath is null ? null : TrustedCa.Load(options.CaCertificatePath);
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _keeper = new LinkKeeper("iothub", ConnectOnceAsync, DisconnectQuietlyAsync, () => _client.IsConnected, resilience, time, logger);
    }

    public string DeviceId => _identity.DeviceId;

    public UplinkState State => _keeper.State;

    public DateTimeOffset TokenExpiresAt { get; private set; }

    /// <summary>Counts connections made (for status and tests).</summary>
    public int Connects => _keeper.Connects;

    /// <summary>The current connection's generation (see <see cref="LinkKeeper"/>).</summary>
    public long Generation => _keeper.Generation;

    /// <summary>Completes when the current connection is lost.</summary>
    public Task Lost => Volatile.Read(ref _lost).Task;

    /// <summary>Raised after every successful connect.</summary>
    public ReconnectSignal Reconnected => _keeper.Reconnected;

    /// <summary>Every message the hub sends the device.</summary>
    public event Func<MqttApplicationMessageReceivedEventArgs, Task> MessageReceived
    {
        add => _client.ApplicationMessageReceivedAsync += value;
        remove => _client.ApplicationMessageReceivedAsync -= value;
    }

    /// <summary>The keeper loop: connects, reconnects after a loss with the link's one backoff, renews the token.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _keeper.RunAsync(cancellationToken);

    /// <inheritdoc cref="LinkKeeper.WaitUpAsync"/>
    public ValueTask<long> WaitUpAsync(bool urgent, CancellationToken cancellationToken) =>
        _keeper.WaitUpAsync(urgent, _options.ConnectTimeout, cancellationToken);

    /// <inheritdoc cref="LinkKeeper.Proven"/>
    public void Proven(long generation) => _keeper.Proven(generation);

    /// <inheritdoc cref="LinkKeeper.ResetAsync"/>
    public Task<bool> ResetAsync(long generation, string reason) => _keeper.ResetAsync(generation, reason);

    private async Task<Task<bool>> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected) await DisconnectQuietlyAsync().ConfigureAwait(false);
        await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return EndAsync(Lost, cancellationToken);
    }

    /// <summary>Completes when the connection is lost (false) or was closed to renew the token (true).</summary>
    private async Task<bool> EndAsync(Task lost, CancellationToken cancellationToken)
    {
        var renewIn = TokenExpiresAt - _options.TokenRenewBefore - _time.GetUtcNow();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renew = Task.Delay(renewIn > TimeSpan.Zero ? renewIn : TimeSpan.Zero, _time, stop.Token);
        var first = await Task.WhenAny(lost, renew).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        if (first == lost || cancellationToken.IsCancellationRequested) return false;
        IoTHubLog.RenewingToken(_logger, TokenExpiresAt);
        await DisconnectQuietlyAsync().ConfigureAwait(false);
        return true;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
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
            throw new UplinkException($"cannot connect to IoT Hub {host}:{_options.Port}: {ex.Message}", ex);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new UplinkException($"IoT Hub {host}:{_options.Port} refused the connection: {result.ResultCode}") { Refused = ConnectRefusal.IsLasting(result.ResultCode) };
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
        IoTHubLog.Connected(_logger, host, _options.Port, _identity.DeviceId, expiresAt);
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

    /// <summary>
    /// Publishes QoS 1 over connection <paramref name="generation"/> and waits for the PUBACK at most
    /// <see cref="IoTHubOptions.AckTimeout"/> from this call on (the message is handed to the client here; time it
    /// spent queued before does not count). No PUBACK in time: that connection is reset, never a newer one.
    /// </summary>
    public async Task PublishAsync(long generation, string topic, byte[] payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AckTimeout);
        try
        {
            await PublishAsync(topic, payload, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // MQTTnet reports our timeout (and its own) as MqttCommunicationTimedOutException or a cancellation.
            if (timeout.IsCancellationRequested || ex is MqttCommunicationTimedOutException)
            {
                await _keeper.ResetAsync(generation, $"no PUBACK within {_options.AckTimeout.TotalSeconds:0.#} s").ConfigureAwait(false);
                throw new UplinkException($"IoT Hub did not ack within {_options.AckTimeout.TotalSeconds:0.#} s of the send; that connection was closed", ex);
            }
            if (ex is UplinkException) throw;
            // The client cancels its pending publishes when the connection drops: a link failure, not a cancel.
            throw new UplinkException(ex is OperationCanceledException ? "IoT Hub link dropped mid-send" : $"IoT Hub link failed mid-send: {ex.Message}", ex);
        }
    }

    /// <summary>One QoS 1 publish on whatever connection is current (twin requests, method answers: their callers time them).</summary>
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

    private async Task DisconnectQuietlyAsync()
    {
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
        if (e.ClientWasConnected) _keeper.Lost(_keeper.Generation);
        if (e.ClientWasConnected) IoTHubLog.Disconnected(_logger, e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
        Volatile.Read(ref _lost).TrySetResult();
        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _keeper.Dispose(); // no reconnect after this
        await DisconnectQuietlyAsync().ConfigureAwait(false);
        _client.Dispose();
        _ca?.Dispose();
    }
}
