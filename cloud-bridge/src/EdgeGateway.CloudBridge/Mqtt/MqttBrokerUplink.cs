using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>
/// Publishes each event QoS 1 to a generic MQTT broker and completes a batch only when every PUBACK is in.
/// Connects lazily; a refused or lost connection surfaces as an exception from <see cref="SendAsync"/>, and the
/// next call reconnects (the forwarder owns the backoff). The whole batch is in flight at once.
/// </summary>
public sealed class MqttBrokerUplink : IUplink
{
    private readonly MqttUplinkOptions _options;
    private readonly string _gatewayId;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _connectGate = new(1, 1);

    public MqttBrokerUplink(MqttUplinkOptions options, string gatewayId, ILogger<MqttBrokerUplink> logger)
    {
        _options = options;
        _gatewayId = gatewayId;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
    }

    public string Name => "mqtt";

    public UplinkState State { get; private set; } = UplinkState.Disconnected;

    public async Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AckTimeout);
        var publishes = new Task<MqttClientPublishResult>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(TopicTemplate.Expand(_options.TopicTemplate, _gatewayId, batch[i]))
                .WithPayload(UplinkPayload.Format(batch[i], _gatewayId))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            publishes[i] = _client.PublishAsync(message, timeout.Token);
        }
        try
        {
            var results = await Task.WhenAll(publishes).ConfigureAwait(false);
            foreach (var r in results)
            {
                if (!r.IsSuccess) throw new UplinkException($"upstream refused a publish: {r.ReasonCode}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Connected but not acking: a stalled link. Drop it so the next attempt builds a fresh one.
            await ResetAsync().ConfigureAwait(false);
            throw new UplinkException($"upstream did not ack {batch.Count} message(s) within {_options.AckTimeout.TotalSeconds:0.#} s");
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (_client.IsConnected) return;
        await _connectGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected) return;
            State = UplinkState.Connecting;
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_options.Host, _options.Port)
                .WithClientId(_options.ClientId ?? _gatewayId)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithCleanSession(true)
                .WithTimeout(TimeSpan.FromSeconds(10))
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
            if (_options.Username is not null) builder.WithCredentials(_options.Username, _options.Password);
            if (_options.Tls) builder.WithTlsOptions(MqttTls.Configure(_options));
            MqttClientConnectResult result;
            try
            {
                result = await _client.ConnectAsync(builder.Build(), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                State = UplinkState.Disconnected;
                throw new UplinkException($"cannot reach upstream broker {_options.Host}:{_options.Port}: {ex.Message}", ex);
            }
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                State = UplinkState.Disconnected;
                throw new UplinkException($"upstream broker {_options.Host}:{_options.Port} refused the connection: {result.ResultCode}");
            }
            State = UplinkState.Connected;
            UplinkLog.Connected(_logger, Name, _options.Host, _options.Port);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task ResetAsync()
    {
        State = UplinkState.Disconnected;
        try
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            UplinkLog.ResetFailed(_logger, Name, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync().ConfigureAwait(false);
        _client.Dispose();
        _connectGate.Dispose();
    }
}
