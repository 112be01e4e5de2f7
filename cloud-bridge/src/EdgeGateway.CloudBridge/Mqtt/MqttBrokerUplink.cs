using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Contracts.Resilience;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>
/// Publishes each event QoS 1 to a generic MQTT broker and completes a batch only when every PUBACK is in.
/// A refused or lost connection surfaces as an exception from <see cref="SendAsync"/>, and the next call
/// reconnects (the forwarder owns the send backoff). The whole batch is in flight at once.
/// <para>
/// Its inbound side (<see cref="RunAsync"/>): the connection is a persistent session (clean session off) subscribed
/// QoS 1 to <see cref="MqttUplinkOptions.CommandTopic"/>, so commands published while the gateway was away are
/// delivered when it is back. Each command goes to <see cref="ICloudInbound"/>; its result is published to
/// <see cref="MqttUplinkOptions.ResultTopic"/>, and only then is the command PUBACKed.
/// </para>
/// <para>
/// The gateway's presence: <see cref="MqttUplinkOptions.StatusTopic"/> carries a retained <c>online</c> after each
/// connect and a retained <c>offline</c> as the last will and on an orderly stop.
/// </para>
/// </summary>
public sealed class MqttBrokerUplink : IHostedUplink
{
    private static readonly TimeSpan ReconnectFirst = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReconnectMax = TimeSpan.FromSeconds(30);

    private readonly MqttUplinkOptions _options;
    private readonly string _gatewayId;
    private readonly ICloudInbound? _gateway;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly string? _commandTopic;
    private readonly string _resultTopic;
    private readonly string? _statusTopic;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _commands =
        Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ReconnectSignal _reconnected = new();
    private TaskCompletionSource _lost = NewLost();

    /// <param name="gateway">Where commands go; null: the uplink only sends (no command subscription).</param>
    public MqttBrokerUplink(MqttUplinkOptions options, string gatewayId, ICloudInbound? gateway, ILogger<MqttBrokerUplink> logger)
    {
        _options = options;
        _gatewayId = gatewayId;
        _gateway = gateway;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _commandTopic = gateway is null || string.IsNullOrEmpty(options.CommandTopic) ? null : options.CommandTopic.Replace("{gw}", gatewayId, StringComparison.Ordinal);
        _resultTopic = options.ResultTopic.Replace("{gw}", gatewayId, StringComparison.Ordinal);
        _statusTopic = string.IsNullOrEmpty(options.StatusTopic) ? null : options.StatusTopic.Replace("{gw}", gatewayId, StringComparison.Ordinal);
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += _ =>
        {
            _lost.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Commands received and answered so far.</summary>
    public long CommandsAnswered => Interlocked.Read(ref _answered);

    private long _answered;

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
                .WithCleanSession(_commandTopic is null)
                .WithTimeout(TimeSpan.FromSeconds(10))
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
            if (_statusTopic is not null)
            {
                builder.WithWillTopic(_statusTopic).WithWillPayload(Presence("offline")).WithWillRetain()
                    .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            }
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
            _lost = NewLost();
            State = UplinkState.Connected;
            UplinkLog.Connected(_logger, Name, _options.Host, _options.Port);
            if (_commandTopic is not null) await SubscribeAsync(ct).ConfigureAwait(false);
            await PublishPresenceAsync("online", ct).ConfigureAwait(false);
            _reconnected.Raise();
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private byte[] Presence(string state) =>
        JsonSerializer.SerializeToUtf8Bytes(new { gw = _gatewayId, state, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });

    /// <summary>Publishes the retained presence; false (logged) when it failed: the will then covers a lost connection.</summary>
    private async Task<bool> PublishPresenceAsync(string state, CancellationToken ct)
    {
        if (_statusTopic is null || !_client.IsConnected) return true;
        var message = new MqttApplicationMessageBuilder().WithTopic(_statusTopic).WithPayload(Presence(state)).WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        try
        {
            return (await _client.PublishAsync(message, ct).ConfigureAwait(false)).IsSuccess;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            UplinkLog.PresenceFailed(_logger, Name, _statusTopic, ex.Message);
            return false;
        }
    }

    private async Task SubscribeAsync(CancellationToken ct)
    {
        // Every connect: a broker that lost the session (or never had it) needs the subscription again.
        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_commandTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build();
        try
        {
            var result = await _client.SubscribeAsync(options, ct).ConfigureAwait(false);
            var code = result.Items.FirstOrDefault()?.ResultCode;
            if (code is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
                UplinkLog.SubscribeFailed(_logger, Name, _commandTopic!, "the broker answered " + code);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            UplinkLog.SubscribeFailed(_logger, Name, _commandTopic!, ex.Message);
        }
    }

    public Task WaitForReconnectAsync(CancellationToken cancellationToken) => _reconnected.NextAsync(cancellationToken);

    /// <summary>
    /// Keeps the link up between sends while commands are enabled (reconnecting with jittered backoff), and answers
    /// each command. Returns at once when no command topic is configured.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_commandTopic is null) return;
        var answering = AnswerCommandsAsync(cancellationToken);
        var backoff = new Backoff(ReconnectFirst, ReconnectMax);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
                backoff.Reset();
                await _lost.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (UplinkException ex)
            {
                var delay = backoff.Next();
                UplinkLog.LinkDown(_logger, Name, ex.Message, delay.TotalMilliseconds);
                try { await Task.Delay(delay, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        _commands.Writer.TryComplete();
        try { await answering.ConfigureAwait(false); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { /* shutdown */ }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (_commandTopic is null || !string.Equals(e.ApplicationMessage.Topic, _commandTopic, StringComparison.Ordinal)) return Task.CompletedTask;
        // Answered off the receive loop; the command is PUBACKed only after its result was published.
        e.AutoAcknowledge = false;
        return _commands.Writer.WriteAsync(e).AsTask();
    }

    private async Task AnswerCommandsAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in _commands.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var body = e.ApplicationMessage.Payload.ToArray();
                CommandReply reply;
                try
                {
                    reply = await _gateway!.HandleCommandAsync(body, CommandSources.Mqtt, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    reply = CommandReply.Error(CommandStatus.Failed, "the gateway could not run the command: " + ex.Message);
                }
                var result = new MqttApplicationMessageBuilder()
                    .WithTopic(_resultTopic)
                    .WithPayload(ResultPayload(body, reply))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                await _client.PublishAsync(result, cancellationToken).ConfigureAwait(false);
                await e.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _answered);
                UplinkLog.CommandAnswered(_logger, Name, _commandTopic!, (int)reply.Status);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The link dropped mid-answer: the command was not PUBACKed, so the broker delivers it again.
                UplinkLog.CommandFailed(_logger, Name, ex.Message);
            }
        }
    }

    /// <summary>
    /// <c>{"status":202,"cmd":"ack","id":"…","rid":"…","result":{…}}</c>: the command's <c>cmd</c>, <c>id</c> and
    /// <c>rid</c> (a request id the dispatcher may add) echoed when they were strings, so results can be matched.
    /// </summary>
    internal static byte[] ResultPayload(byte[] command, CommandReply reply)
    {
        string? cmd = null, id = null, rid = null;
        try
        {
            using var doc = JsonDocument.Parse(command, new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                cmd = Str(doc.RootElement, "cmd");
                id = Str(doc.RootElement, "id");
                rid = Str(doc.RootElement, "rid");
            }
        }
        catch (JsonException)
        {
            // not JSON: the reply says so; nothing to echo
        }
        var sb = new StringBuilder("{\"status\":").Append((int)reply.Status);
        if (cmd is not null) sb.Append(",\"cmd\":").Append(JsonSerializer.Serialize(cmd));
        if (id is not null) sb.Append(",\"id\":").Append(JsonSerializer.Serialize(id));
        if (rid is not null) sb.Append(",\"rid\":").Append(JsonSerializer.Serialize(rid));
        sb.Append(",\"result\":").Append(reply.Json).Append('}');
        return Encoding.UTF8.GetBytes(sb.ToString());

        static string? Str(JsonElement o, string name) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Truncate(v.GetString()!) : null;
    }

    private static string Truncate(string s) => s.Length <= 128 ? s : s[..128];

    private static TaskCompletionSource NewLost() => new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        _commands.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        // A clean DISCONNECT suppresses the will: only send it once "offline" is published; otherwise drop the
        // connection so the broker publishes the will.
        if (await PublishPresenceAsync("offline", timeout.Token).ConfigureAwait(false)) await ResetAsync().ConfigureAwait(false);
        else State = UplinkState.Disconnected;
        _client.Dispose();
        _connectGate.Dispose();
    }
}
