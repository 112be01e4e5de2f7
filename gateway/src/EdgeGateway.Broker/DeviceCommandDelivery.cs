using System.Buffers;
using System.Collections.Concurrent;
using EdgeGateway.Contracts;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeGateway.Broker;

/// <summary>
/// <see cref="IDeviceCommandChannel"/> over the embedded broker. Every command is first stored durably
/// (<see cref="IDeviceCommandStore"/>); it leaves the store only when the device PUBACKs it (or its TTL passes).
/// It is published (QoS 1, as the gateway) while the device is connected with its <c>cmd</c> subscription, and the
/// store's pending commands are published again when the device comes back (session resumed, or re-subscribed
/// after a gateway restart). A device may so receive a command twice; <c>ack</c> is idempotent on the device.
/// A connect with a clean session discards the device's queued commands, as MQTT discards its session.
/// </summary>
internal sealed class DeviceCommandDelivery : IDeviceCommandChannel
{
    private readonly IDeviceCommandStore _store;
    private readonly CommandOptions _options;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _connected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _subscribed = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public DeviceCommandDelivery(IDeviceCommandStore store, CommandOptions options, GatewayMetrics metrics, TimeProvider time, ILogger<DeviceCommandDelivery> logger)
    {
        _store = store;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public event Action<DeviceCommand>? DeliveredLater;

    public event Action<DeviceCommand>? Dropped;

    /// <summary>Devices whose connection is up and whose session holds the <c>cmd</c> subscription.</summary>
    public bool IsReachable(string device) => _connected.ContainsKey(device) && _subscribed.ContainsKey(device);

    public void Attach(MqttServer server)
    {
        _server = server;
        server.ClientConnectedAsync += OnConnectedAsync;
        server.ClientDisconnectedAsync += OnDisconnectedAsync;
        server.ClientSubscribedTopicAsync += OnSubscribedAsync;
        server.ClientUnsubscribedTopicAsync += OnUnsubscribedAsync;
        server.ClientAcknowledgedPublishPacketAsync += OnAcknowledgedAsync;
    }

    public async Task<DeliveryOutcome> SendAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server) return DeliveryOutcome.Unavailable;
        try
        {
            if (!_store.TryAdd(command, _options.MaxQueuedPerDevice)) return DeliveryOutcome.QueueFull;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            BrokerLog.CommandStoreFailed(_logger, ex.Message);
            return DeliveryOutcome.Unavailable;
        }
        if (!IsReachable(command.DeviceId))
        {
            BrokerLog.CommandQueued(_logger, command.Name, command.DeviceId);
            return DeliveryOutcome.Queued;
        }
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[command.Id] = waiter;
        try
        {
            await PublishAsync(server, command, cancellationToken).ConfigureAwait(false);
            await waiter.Task.WaitAsync(_options.DeliveryWait, _time, cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Delivered;
        }
        catch (TimeoutException)
        {
            // Whoever removes the waiter owns the outcome: if the PUBACK handler got there first, it was delivered.
            if (!_waiters.TryRemove(command.Id, out _)) return DeliveryOutcome.Delivered;
            BrokerLog.CommandQueued(_logger, command.Name, command.DeviceId);
            return DeliveryOutcome.Queued;
        }
        finally
        {
            _waiters.TryRemove(command.Id, out _);
        }
    }

    /// <summary>Called as a device connects (after its credentials were accepted): a clean session discards its commands.</summary>
    public void OnAccepted(string device, bool cleanSession)
    {
        if (!cleanSession) return;
        _subscribed.TryRemove(device, out _);
        var dropped = Guard(() => _store.Clear(device));
        if (dropped is not { Count: > 0 }) return;
        BrokerLog.CommandsCleared(_logger, device, dropped.Count);
        _metrics.CommandsCleared(dropped.Count);
        foreach (var command in dropped) Dropped?.Invoke(command);
    }

    /// <summary>Drops commands past their TTL (counted and logged). Called about once a second.</summary>
    public void ExpireDue()
    {
        var expired = Guard(() => _store.RemoveExpired(_time.GetUtcNow()));
        if (expired is not { Count: > 0 }) return;
        var last = expired[^1];
        BrokerLog.CommandsExpired(_logger, expired.Count, last.Name, last.DeviceId);
        _metrics.CommandsExpired(expired.Count);
        foreach (var command in expired) Dropped?.Invoke(command);
    }

    private async Task OnConnectedAsync(ClientConnectedEventArgs e)
    {
        _connected[e.ClientId] = 0;
        if (_subscribed.ContainsKey(e.ClientId)) await DeliverPendingAsync(e.ClientId).ConfigureAwait(false);
    }

    private Task OnDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        _connected.TryRemove(e.ClientId, out _);
        return Task.CompletedTask;
    }

    private async Task OnSubscribedAsync(ClientSubscribedTopicEventArgs e)
    {
        if (!string.Equals(e.TopicFilter.Topic, Topics.Cmd(e.ClientId), StringComparison.Ordinal)) return;
        _subscribed[e.ClientId] = 0;
        await DeliverPendingAsync(e.ClientId).ConfigureAwait(false);
    }

    private Task OnUnsubscribedAsync(ClientUnsubscribedTopicEventArgs e)
    {
        if (string.Equals(e.TopicFilter, Topics.Cmd(e.ClientId), StringComparison.Ordinal)) _subscribed.TryRemove(e.ClientId, out _);
        return Task.CompletedTask;
    }

    private Task OnAcknowledgedAsync(ClientAcknowledgedPublishPacketEventArgs e)
    {
        var packet = e.PublishPacket;
        if (packet is null || !string.Equals(packet.Topic, Topics.Cmd(e.ClientId), StringComparison.Ordinal)) return Task.CompletedTask;
        var payload = packet.Payload.ToArray();
        var pending = Guard(() => _store.Pending(e.ClientId, DateTimeOffset.MinValue));
        foreach (var command in pending ?? [])
        {
            if (!command.Payload.AsSpan().SequenceEqual(payload)) continue;
            if (!Guard(() => _store.Remove(command.Id))) continue;
            if (_waiters.TryRemove(command.Id, out var waiter) && waiter.TrySetResult()) continue;
            DeliveredLater?.Invoke(command);
        }
        return Task.CompletedTask;
    }

    private async Task DeliverPendingAsync(string device)
    {
        if (_server is not { IsStarted: true } server) return;
        var pending = Guard(() => _store.Pending(device, _time.GetUtcNow()));
        foreach (var command in pending ?? []) await PublishAsync(server, command, CancellationToken.None).ConfigureAwait(false);
    }

    private static Task PublishAsync(MqttServer server, DeviceCommand command, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Cmd(command.DeviceId))
            .WithPayload(command.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message), cancellationToken);
    }

    private T? Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            BrokerLog.CommandStoreFailed(_logger, ex.Message);
            return default;
        }
    }
}
