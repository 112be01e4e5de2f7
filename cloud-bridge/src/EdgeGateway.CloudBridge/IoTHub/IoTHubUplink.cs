using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeGateway.CloudBridge.Resilience;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// The gateway as an Azure IoT Hub device over IoT Hub's MQTT protocol (no device SDK). <see cref="SendAsync"/> is
/// one attempt: it waits for the link to be up (at most <see cref="IoTHubOptions.ConnectTimeout"/>), publishes each
/// message as an in-flight slot (<see cref="IoTHubOptions.MaxInflight"/>) and the hub's send rate allow, and completes
/// only when the hub has PUBACKed all of them; each message's <see cref="IoTHubOptions.AckTimeout"/> starts when it is
/// handed to the client, so a message that waits for a slot waits in the gateway, not at the hub. Alarms go through
/// their own lane (<see cref="AlarmLane"/>) with slots of their own (<see cref="IoTHubOptions.MaxAlarmInflight"/>) and
/// their own line at the send rate, and are packed together when they had to wait. Retries and the circuit breaker are
/// <see cref="ResilientUplink"/>'s, around this class; messages already acked by an earlier attempt of the same batch
/// are not sent again. <see cref="RunAsync"/> runs the link's keeper loop (the only place that connects), handles what
/// the hub sends, and keeps the twin's reported status current.
/// </summary>
public sealed class IoTHubUplink : IHostedUplink
{
    private readonly IoTHubOptions _options;
    private readonly ICloudInbound _gateway;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IoTHubLink _link;
    private readonly TwinClient _twin;
    private readonly CloudInbound _inbound;
    private readonly BatchPlanner _planner;
    private readonly SendRateLimiter _limiter;
    private readonly InflightGate _routineSlots;
    private readonly InflightGate _alarmSlots;
    private readonly AlarmLane _alarms;
    private readonly SendOrder _order = new();
    private readonly ConditionalWeakTable<IReadOnlyList<UplinkMessage>, PlannedBatch> _attempts = [];
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _received =
        Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });
    private long _messagesSent;

    public IoTHubUplink(IoTHubOptions options, ICloudInbound gateway, ILogger<IoTHubUplink> logger, TimeProvider? time = null,
        UplinkResilienceOptions? resilience = null)
    {
        _options = options;
        _gateway = gateway;
        _time = time ?? TimeProvider.System;
        _logger = logger;
        _link = new IoTHubLink(options, resilience ?? new UplinkResilienceOptions(), _time, logger);
        _twin = new TwinClient(_link, options.AckTimeout);
        _inbound = new CloudInbound(_link, gateway, logger);
        _planner = new BatchPlanner(_link.DeviceId, options.MaxMessageBytes);
        _limiter = new SendRateLimiter(options.EffectiveSendRate, _time);
        _routineSlots = new InflightGate(options.MaxInflight - options.MaxAlarmInflight);
        _alarmSlots = new InflightGate(options.MaxAlarmInflight);
        _alarms = new AlarmLane(_link, _alarmSlots, _limiter, _planner, () => Interlocked.Increment(ref _messagesSent), logger, options.PackWaitingAlarms);
        _link.MessageReceived += OnMessageReceivedAsync;
    }

    public string Name => "iothub";

    public UplinkState State => _link.State;

    /// <summary>Connections made so far (one per connect; token renewals and recoveries add one).</summary>
    public int Connects => _link.Connects;

    /// <summary>The current connection's generation.</summary>
    public long Generation => _link.Generation;

    /// <summary>MQTT messages PUBACKed by the hub (a batch counts once).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>C2D messages and method calls refused as bad input.</summary>
    public long CommandsRefused => _inbound.Refused;

    /// <summary>Closes connection <paramref name="generation"/> if it is still the current one (what a stalled send does).</summary>
    public Task<bool> ResetAsync(long generation) => _link.ResetAsync(generation, "reset requested");

    /// <summary>Device-to-cloud messages handed to the hub and not yet acked (at most <see cref="IoTHubOptions.MaxInflight"/>).</summary>
    internal int InFlight => _routineSlots.Held + _alarmSlots.Held;

    public async Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        // A retry of the same batch (ResilientUplink passes the same list) re-sends only what is not yet acked.
        var planned = _attempts.GetValue(batch, Plan);
        if (ResilientUplink.IsUrgent(batch))
        {
            // The alarms go through their lane (queued before anything here awaits, so they keep the order of the sends);
            // the rest of an alarm batch, if any (the forwarder sends alarms alone), once they are acked, so P0 is first.
            await _alarms.SendAsync(planned, cancellationToken).ConfigureAwait(false);
            if (planned.Plan.Count > 0) await await HandOverAsync(planned, ticket: null, cancellationToken).ConfigureAwait(false);
        }
        // Any other batch takes its turn (SendOrder), so batches reach the hub in the order sent.
        else await _order.SendAsync(ticket => HandOverAsync(planned, ticket, cancellationToken), cancellationToken).ConfigureAwait(false);
        _attempts.Remove(batch);
    }

    private PlannedBatch Plan(IReadOnlyList<UplinkMessage> batch)
    {
        var alarms = batch.Where(m => m.Priority == PriorityClass.P0).ToArray();
        return new PlannedBatch(alarms, _planner.Plan(alarms.Length == 0 ? batch : batch.Where(m => m.Priority != PriorityClass.P0).ToList()));
    }

    /// <summary>
    /// Waits for the link, then hands each message not yet acked to the client as an in-flight slot
    /// (<see cref="IoTHubOptions.MaxInflight"/>; the rest of an alarm batch uses the alarms' slots) and the send rate allow; the returned task completes when all of them
    /// are acked. A non-alarm batch (<paramref name="ticket"/>) first checks it has not been overtaken.
    /// </summary>
    private async Task<Task> HandOverAsync(PlannedBatch planned, long? ticket, CancellationToken cancellationToken)
    {
        var urgent = ticket is null;
        var inFlight = new List<Task>(planned.Plan.Count);
        try
        {
            var generation = await _link.WaitUpAsync(urgent, cancellationToken).ConfigureAwait(false);
            if (ticket is { } t) _order.ThrowIfOvertaken(t, generation);
            for (var i = 0; i < planned.Plan.Count; i++)
            {
                if (planned.Acked[i]) continue;
                var slots = urgent ? _alarmSlots : _routineSlots;
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await _limiter.AcquireAsync(urgent, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    slots.Release();
                    throw;
                }
                inFlight.Add(PublishOneAsync(planned, i, generation, urgent, cancellationToken));
            }
            return AwaitAcksAsync(inFlight, generation, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw await FailedAsync(ex, inFlight, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AwaitAcksAsync(List<Task> inFlight, long generation, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw await FailedAsync(ex, inFlight, cancellationToken).ConfigureAwait(false);
        }
        _link.Proven(generation);
    }

    /// <summary>Lets what was handed over finish and says what failed.</summary>
    private static async Task<Exception> FailedAsync(Exception ex, List<Task> inFlight, CancellationToken cancellationToken)
    {
        try { await Task.WhenAll(inFlight).ConfigureAwait(false); } catch (Exception) { /* the first failure is reported */ }
        return ex is UplinkException || cancellationToken.IsCancellationRequested ? ex : new UplinkException($"IoT Hub send failed: {ex.Message}", ex);
    }

    /// <summary>One message, written now; its in-flight slot is freed when it is acked or failed.</summary>
    private async Task PublishOneAsync(PlannedBatch planned, int index, long generation, bool urgent, CancellationToken cancellationToken)
    {
        var message = planned.Plan[index];
        try
        {
            await _link.PublishAsync(generation, message.Topic, message.Payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (urgent ? _alarmSlots : _routineSlots).Release();
        }
        planned.Acked[index] = true;
        Interlocked.Increment(ref _messagesSent);
    }

    public Task WaitForReconnectAsync(CancellationToken cancellationToken) => _link.Reconnected.NextAsync(cancellationToken);

    /// <summary>
    /// For the life of the gateway: the link's keeper loop (connect, reconnect with the link's backoff, token
    /// renewal), what the hub sends, and the twin (full read after each connect, reported status on change).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inbound = ProcessInboundAsync(cancellationToken);
        var keeper = _link.RunAsync(cancellationToken);
        try
        {
            if (_options.HasCloudToDevice) await KeepTwinAsync(cancellationToken).ConfigureAwait(false);
            await keeper.ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // shutdown; whatever was in progress is abandoned
        }
        try { await Task.WhenAll(inbound, keeper).ConfigureAwait(false); }
        catch (Exception) when (cancellationToken.IsCancellationRequested) { /* shutdown */ }
    }

    /// <summary>Reads the twin after each connect and reports status changes; a failure waits for the next poll (the link's keeper owns reconnects).</summary>
    private async Task KeepTwinAsync(CancellationToken cancellationToken)
    {
        long seenGeneration = 0;
        string? lastReported = null;
        var lastReportAt = DateTimeOffset.MinValue;
        var failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var generation = await _link.WaitUpAsync(urgent: false, cancellationToken).ConfigureAwait(false);
                if (generation != seenGeneration)
                {
                    using var twin = await _twin.GetAsync(cancellationToken).ConfigureAwait(false);
                    _inbound.ApplyDesired(System.Text.Encoding.UTF8.GetBytes(twin.RootElement.GetRawText()), "full twin", patch: false);
                    seenGeneration = generation;
                    lastReported = null; // a fresh connection reports once
                }
                var status = (await StatusAsync().ConfigureAwait(false)).ToJsonString();
                var now = _time.GetUtcNow();
                if (status != lastReported && (lastReported is null || now - lastReportAt >= _options.ReportedMinInterval))
                {
                    await _twin.PatchReportedAsync(Encoding.UTF8.GetBytes(new JsonObject { ["gateway"] = JsonNode.Parse(status) }.ToJsonString()), cancellationToken)
                        .ConfigureAwait(false);
                    lastReported = status;
                    lastReportAt = now;
                    IoTHubLog.Reported(_logger);
                }
                failing = false;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                if (!failing) IoTHubLog.TwinFailed(_logger, ex.Message);
                failing = true;
            }
            await Task.WhenAny(_link.Lost, Task.Delay(_options.StatusPollInterval, _time, cancellationToken)).ConfigureAwait(false);
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (topic.StartsWith(IoTHubTopics.TwinResponsePrefix, StringComparison.Ordinal))
        {
            _twin.TryComplete(topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        }
        // Handled off the receive loop; a C2D message is acked (completed at the hub) only after it was handled.
        e.AutoAcknowledge = false;
        return _received.Writer.WriteAsync(e).AsTask();
    }

    private async Task ProcessInboundAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in _received.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _inbound.HandleAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), cancellationToken).ConfigureAwait(false);
                await e.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return; // shutdown while answering; an unacked C2D message is redelivered by the hub
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The link dropped mid-answer: the hub redelivers an unacked C2D message; a method call times out at the caller.
                IoTHubLog.BadCloudMessage(_logger, "could not finish handling a hub message: " + ex.Message);
            }
        }
    }

    private async Task<JsonObject> StatusAsync()
    {
        var s = await _gateway.GetStatusAsync(CancellationToken.None).ConfigureAwait(false);
        var backlog = new JsonObject();
        foreach (var (cls, n) in s.BacklogByClass) backlog[cls] = n;
        return new JsonObject
        {
            ["version"] = s.Version,
            ["devicesOnline"] = s.DevicesOnline,
            ["backlog"] = backlog,
            ["uplink"] = State.ToString().ToLowerInvariant(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        _received.Writer.TryComplete();
        _alarms.Dispose();
        await _link.DisposeAsync().ConfigureAwait(false);
    }
}
