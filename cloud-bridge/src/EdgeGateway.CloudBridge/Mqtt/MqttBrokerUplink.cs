using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.CloudBridge.Resilience;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>
/// Publishes each event QoS 1 to a generic MQTT broker (routine events several to a message when
/// <see cref="MqttUplinkOptions.BatchRoutine"/> is on: <see cref="MqttPublishPlan"/>) and completes a batch only when
/// every PUBACK is in.
/// <see cref="SendAsync"/> is one attempt (retries and the circuit breaker are <see cref="ResilientUplink"/>'s): it
/// waits for the link to be up (at most <see cref="MqttUplinkOptions.ConnectTimeout"/>) and hands the batch to the
/// client: an alarm batch at once, a routine one as <see cref="MqttUplinkOptions.MaxRoutineInflight"/> slots free up;
/// <see cref="MqttUplinkOptions.AckTimeout"/> runs from when its last message was handed over. Only the link's keeper loop
/// (<see cref="LinkKeeper"/>, run by <see cref="RunAsync"/>) connects; a stalled batch closes only the connection it
/// used.
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
    private readonly MqttUplinkOptions _options;
    private readonly string _gatewayId;
    private readonly ICloudInbound? _gateway;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly LinkKeeper _keeper;
    private readonly SendOrder _order = new();
    private readonly SemaphoreSlim _routineSlots;
    private readonly string? _commandTopic;
    private readonly string _resultTopic;
    private readonly string? _statusTopic;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _commands =
        Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait });
    private TaskCompletionSource _lost = NewLost();

    /// <param name="gateway">Where commands go; null: the uplink only sends (no command subscription).</param>
    /// <param name="resilience">The link's reconnect backoff; null: the defaults.</param>
    public MqttBrokerUplink(MqttUplinkOptions options, string gatewayId, ICloudInbound? gateway, ILogger<MqttBrokerUplink> logger,
        UplinkResilienceOptions? resilience = null)
    {
        resilience ??= new UplinkResilienceOptions();
        _options = options;
        _gatewayId = gatewayId;
        _gateway = gateway;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _routineSlots = new SemaphoreSlim(options.MaxRoutineInflight, options.MaxRoutineInflight);
        _commandTopic = gateway is null || string.IsNullOrEmpty(options.CommandTopic) ? null : options.CommandTopic.Replace("{gw}", gatewayId, StringComparison.Ordinal);
        _resultTopic = options.ResultTopic.Replace("{gw}", gatewayId, StringComparison.Ordinal);
        _statusTopic = string.IsNullOrEmpty(options.StatusTopic) ? null : options.StatusTopic.Replace("{gw}", gatewayId, StringComparison.Ordinal);
        _keeper = new LinkKeeper(Name, ConnectOnceAsync, ResetAsync, () => _client.IsConnected, resilience, TimeProvider.System, logger);
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected) _keeper.Lost(_keeper.Generation);
            _lost.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Commands received and answered so far.</summary>
    public long CommandsAnswered => Interlocked.Read(ref _answered);

    private long _answered;

    public string Name => "mqtt";

    public UplinkState State => _keeper.State;

    /// <summary>Connections made so far.</summary>
    public int Connects => _keeper.Connects;

    /// <summary>Routine publishes that may still be handed to the client before one is acked.</summary>
    internal int RoutineSlotsFree => _routineSlots.CurrentCount;

    public async Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken)
    {
        if (ResilientUplink.IsUrgent(batch))
        {
            await await HandOverAsync(batch, urgent: true, ticket: null, cancellationToken).ConfigureAwait(false);
            return;
        }
        await _order.SendAsync(ticket => HandOverAsync(batch, urgent: false, ticket, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the link, then hands the whole batch to the client; the returned task completes when all of it is
    /// acked (or fails). A non-alarm batch (<paramref name="ticket"/>) first checks it has not been overtaken, and each
    /// of its messages waits for one of <see cref="MqttUplinkOptions.MaxRoutineInflight"/> slots, so at most that many
    /// routine publishes are ever queued in the client ahead of an alarm, which takes no slot and goes at once.
    /// <see cref="MqttUplinkOptions.AckTimeout"/> runs from when the last message is handed over.
    /// </summary>
    private async Task<Task> HandOverAsync(IReadOnlyList<UplinkMessage> batch, bool urgent, long? ticket, CancellationToken cancellationToken)
    {
        var generation = await _keeper.WaitUpAsync(urgent, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        if (ticket is { } t) _order.ThrowIfOvertaken(t, generation);
        var plan = MqttPublishPlan.Of(batch, _gatewayId, _options);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var publishes = new List<Task<MqttClientPublishResult>>(plan.Count);
        try
        {
            foreach (var (topic, payload) in plan)
            {
                var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                if (urgent)
                {
                    publishes.Add(_client.PublishAsync(message, timeout.Token));
                    continue;
                }
                await _routineSlots.WaitAsync(timeout.Token).ConfigureAwait(false);
                publishes.Add(PublishRoutineAsync(message, timeout.Token));
            }
        }
        catch (OperationCanceledException)
        {
            await AbandonAsync(publishes, timeout).ConfigureAwait(false);
            throw;
        }
        timeout.CancelAfter(_options.AckTimeout); // the whole batch is handed to the client now
        return AwaitAcksAsync(publishes, timeout, generation, cancellationToken);
    }

    /// <summary>A routine publish; its slot is free again once the broker acked it (or it failed).</summary>
    private async Task<MqttClientPublishResult> PublishRoutineAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _routineSlots.Release();
        }
    }

    private async Task AwaitAcksAsync(List<Task<MqttClientPublishResult>> publishes, CancellationTokenSource timeout, long generation, CancellationToken cancellationToken)
    {
        using (timeout)
        {
            try
            {
                var results = await Task.WhenAll(publishes).ConfigureAwait(false);
                foreach (var r in results)
                {
                    if (!r.IsSuccess) throw new UplinkException($"upstream refused a publish: {r.ReasonCode}");
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not UplinkException and not OutOfMemoryException)
            {
                // MQTTnet reports our timeout (and its own) as MqttCommunicationTimedOutException or a cancellation.
                if (timeout.IsCancellationRequested || ex is MqttCommunicationTimedOutException)
                {
                    // Connected but not acking: a stalled link. Close that connection (not one rebuilt meanwhile).
                    await _keeper.ResetAsync(generation, $"no PUBACK within {_options.AckTimeout.TotalSeconds:0.#} s").ConfigureAwait(false);
                    throw new UplinkException($"upstream did not ack {publishes.Count} message(s) within {_options.AckTimeout.TotalSeconds:0.#} s", ex);
                }
                // The client cancels its pending publishes when the connection drops: a link failure, not a cancel.
                throw new UplinkException(ex is OperationCanceledException ? "the upstream link dropped mid-send" : $"the upstream link failed mid-send: {ex.Message}", ex);
            }
        }
        _keeper.Proven(generation);
    }

    /// <summary>A hand-over cut short (the gateway is stopping): lets what was issued finish or fail before the batch fails.</summary>
    private static async Task AbandonAsync(List<Task<MqttClientPublishResult>> publishes, CancellationTokenSource timeout)
    {
        await timeout.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(publishes).ConfigureAwait(false); } catch (Exception) { /* the batch fails as a whole */ }
        timeout.Dispose();
    }

    /// <summary>One connection, made by the keeper loop only; returns a task that completes when it is lost.</summary>
    private async Task<Task<bool>> ConnectOnceAsync(CancellationToken ct)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId ?? _gatewayId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(_commandTopic is null)
            .WithTimeout(_options.ConnectTimeout)
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
            throw new UplinkException($"cannot reach upstream broker {_options.Host}:{_options.Port}: {ex.Message}", ex);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new UplinkException($"upstream broker {_options.Host}:{_options.Port} refused the connection: {result.ResultCode}") { Refused = ConnectRefusal.IsLasting(result.ResultCode) };
        }
        var lost = NewLost();
        _lost = lost;
        if (!_client.IsConnected) lost.TrySetResult(); // lost between the CONNACK and here
        UplinkLog.Connected(_logger, Name, _options.Host, _options.Port);
        if (_commandTopic is not null) await SubscribeAsync(ct).ConfigureAwait(false);
        await PublishPresenceAsync("online", ct).ConfigureAwait(false);
        return LostAsync(lost.Task);
    }

    private static async Task<bool> LostAsync(Task lost)
    {
        await lost.ConfigureAwait(false);
        return false;
    }

    /// <summary>The retained presence <c>{"gw":…,"state":…,"at":ms}</c>, written without reflection (NativeAOT has no code for it).</summary>
    private byte[] Presence(string state)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("gw", _gatewayId);
            json.WriteString("state", state);
            json.WriteNumber("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

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

    public Task WaitForReconnectAsync(CancellationToken cancellationToken) => _keeper.Reconnected.NextAsync(cancellationToken);

    /// <summary>
    /// For the life of the gateway: the link's keeper loop (the only place that connects; one reconnect backoff for
    /// all sends) and, when a command topic is configured, answering each command.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var answering = _commandTopic is null ? Task.CompletedTask : AnswerCommandsAsync(cancellationToken);
        try
        {
            await _keeper.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutdown
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
        if (cmd is not null) sb.Append(",\"cmd\":").Append(JsonString.Quote(cmd));
        if (id is not null) sb.Append(",\"id\":").Append(JsonString.Quote(id));
        if (rid is not null) sb.Append(",\"rid\":").Append(JsonString.Quote(rid));
        sb.Append(",\"result\":").Append(reply.Json).Append('}');
        return Encoding.UTF8.GetBytes(sb.ToString());

        static string? Str(JsonElement o, string name) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Truncate(v.GetString()!) : null;
    }

    private static string Truncate(string s) => s.Length <= 128 ? s : s[..128];

    private static TaskCompletionSource NewLost() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ResetAsync()
    {
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
        _keeper.Dispose(); // no reconnect after this
        _commands.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        // A clean DISCONNECT suppresses the will: only send it once "offline" is published; otherwise drop the
        // connection so the broker publishes the will.
        if (await PublishPresenceAsync("offline", timeout.Token).ConfigureAwait(false)) await ResetAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
