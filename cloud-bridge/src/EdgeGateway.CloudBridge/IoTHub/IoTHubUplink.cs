using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Contracts.Resilience;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// The gateway as an Azure IoT Hub device over IoT Hub's MQTT protocol (no device SDK). <see cref="SendAsync"/>
/// completes only when the hub has PUBACKed every message of the batch; within a call, unacked messages are
/// re-sent after a reconnect (retry with jittered backoff, a circuit breaker, a per-attempt timeout). The
/// duplicates this can make carry the same <c>$.mid</c> and event ids. <see cref="RunAsync"/> keeps the link up
/// between sends (for C2D, methods and twin), renews the token, and reports the gateway's status.
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
    private readonly ResiliencePipeline _pipeline;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _received =
        Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });
    private long _messagesSent;

    public IoTHubUplink(IoTHubOptions options, ICloudInbound gateway, ILogger<IoTHubUplink> logger, TimeProvider? time = null)
    {
        _options = options;
        _gateway = gateway;
        _time = time ?? TimeProvider.System;
        _logger = logger;
        _link = new IoTHubLink(options, _time, logger);
        _twin = new TwinClient(_link, options.AckTimeout);
        _inbound = new CloudInbound(_link, gateway, logger);
        _planner = new BatchPlanner(_link.DeviceId, options.MaxMessageBytes);
        _limiter = new SendRateLimiter(options.EffectiveSendRate, _time);
        _pipeline = BuildPipeline();
        _link.MessageReceived += OnMessageReceivedAsync;
    }

    public string Name => "iothub";

    public UplinkState State => _link.State;

    /// <summary>Connections made so far (one per connect; token renewals and recoveries add one).</summary>
    public int Connects => _link.Connects;

    /// <summary>MQTT messages PUBACKed by the hub (a batch counts once).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>C2D messages and method calls refused as bad input.</summary>
    public long CommandsRefused => _inbound.Refused;

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.SendAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.SendAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                ShouldHandle = new PredicateBuilder().Handle<UplinkException>().Handle<TimeoutRejectedException>().Handle<MqttCommunicationException>(),
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = _options.BreakAfterFailures,
                SamplingDuration = _options.BreakDuration * 4,
                BreakDuration = _options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<UplinkException>().Handle<TimeoutRejectedException>().Handle<MqttCommunicationException>(),
                OnOpened = args =>
                {
                    IoTHubLog.CircuitOpened(_logger, args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(_options.ConnectTimeout + _options.AckTimeout)
            .Build();
    }

    public async Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var plan = _planner.Plan(batch);
        var acked = new bool[plan.Count];
        try
        {
            await _pipeline.ExecuteAsync(async ct => await SendAttemptAsync(plan, acked, ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new UplinkException($"IoT Hub uplink paused after repeated failures (circuit open): {ex.Message}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new UplinkException($"IoT Hub did not ack {acked.Count(a => !a)} message(s) in time; the link was rebuilt", ex);
        }
        catch (MqttCommunicationException ex)
        {
            throw new UplinkException($"IoT Hub link failed: {ex.Message}", ex);
        }
    }

    private async Task SendAttemptAsync(List<OutboundMessage> plan, bool[] acked, CancellationToken attempt)
    {
        await _link.EnsureConnectedAsync(attempt).ConfigureAwait(false);
        var inFlight = new List<Task>();
        try
        {
            for (var i = 0; i < plan.Count; i++)
            {
                if (acked[i]) continue;
                await _limiter.AcquireAsync(attempt).ConfigureAwait(false);
                inFlight.Add(PublishOneAsync(plan, acked, i, attempt));
            }
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever is not yet acked is re-sent on the next attempt, over a fresh connection.
            try { await Task.WhenAll(inFlight).ConfigureAwait(false); } catch (Exception) { /* counted below */ }
            IoTHubLog.SendAttemptFailed(_logger, acked.Count(a => !a), ex.Message);
            await _link.ResetAsync().ConfigureAwait(false);
            if (ex is UplinkException || (ex is OperationCanceledException && attempt.IsCancellationRequested)) throw;
            // The client cancels its own pending publishes when the connection drops: that is a link failure, not a cancel.
            throw new UplinkException($"IoT Hub link failed mid-send: {ex.Message}", ex);
        }
    }

    private async Task PublishOneAsync(List<OutboundMessage> plan, bool[] acked, int index, CancellationToken cancellationToken)
    {
        await _link.PublishAsync(plan[index].Topic, plan[index].Payload, cancellationToken).ConfigureAwait(false);
        acked[index] = true;
        Interlocked.Increment(ref _messagesSent);
    }

    /// <summary>
    /// Keeps the link up for the life of the gateway: connects with backoff, reconnects on loss or before the
    /// token expires, handles what the hub sends, and reports status changes to the twin.
    /// </summary>
    public Task WaitForReconnectAsync(CancellationToken cancellationToken) => _link.Reconnected.NextAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inbound = ProcessInboundAsync(cancellationToken);
        try
        {
            await KeepConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // shutdown; whatever was in progress is abandoned
        }
        try { await inbound.ConfigureAwait(false); }
        catch (Exception) when (cancellationToken.IsCancellationRequested) { /* shutdown */ }
    }

    private async Task KeepConnectedAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.RetryBaseDelay;
        var seenConnects = 0;
        string? lastReported = null;
        var lastReportAt = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _link.EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
                if (!_options.HasCloudToDevice)
                {
                    backoff = _options.RetryBaseDelay;
                    await Task.WhenAny(_link.Lost, Task.Delay(UntilRenewal(), _time, cancellationToken)).ConfigureAwait(false);
                    continue;
                }
                if (_link.Connects != seenConnects)
                {
                    var connects = _link.Connects;
                    using var twin = await _twin.GetAsync(cancellationToken).ConfigureAwait(false);
                    _inbound.ApplyDesired(System.Text.Encoding.UTF8.GetBytes(twin.RootElement.GetRawText()), "full twin", patch: false);
                    seenConnects = connects;
                }
                var status = (await StatusAsync().ConfigureAwait(false)).ToJsonString();
                var now = _time.GetUtcNow();
                if (status != lastReported && (lastReported is null || now - lastReportAt >= _options.ReportedMinInterval))
                {
                    await _twin.PatchReportedAsync(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["gateway"] = JsonNode.Parse(status) }), cancellationToken)
                        .ConfigureAwait(false);
                    lastReported = status;
                    lastReportAt = now;
                    IoTHubLog.Reported(_logger);
                }
                backoff = _options.RetryBaseDelay;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                IoTHubLog.TwinFailed(_logger, ex.Message);
                await Task.Delay(Backoff.Jittered(backoff), _time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryMaxDelay.Ticks));
                continue;
            }
            var untilRenewal = UntilRenewal();
            var wait = untilRenewal < _options.StatusPollInterval ? untilRenewal : _options.StatusPollInterval;
            if (wait > TimeSpan.Zero)
                await Task.WhenAny(_link.Lost, Task.Delay(wait, _time, cancellationToken)).ConfigureAwait(false);
        }
    }

    private TimeSpan UntilRenewal()
    {
        var left = _link.TokenExpiresAt - _options.TokenRenewBefore - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
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
        await _link.DisposeAsync().ConfigureAwait(false);
    }
}
