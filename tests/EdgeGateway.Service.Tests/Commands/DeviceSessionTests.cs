using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.Service.Tests.Commands;

/// <summary>
/// Sessions and the durable command queue of the embedded broker, checked the way the Paho interoperability tests
/// check a broker (MQTT 3.1.1 [MQTT-3.1.2-4..6]): a clean-session-off client gets its session back and what was
/// queued for it; a clean-session-on client gets nothing kept. Plus the queue's TTL and bound.
/// </summary>
public sealed class DeviceSessionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private sealed class Device : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly SemaphoreSlim _arrived = new(0);

        public ConcurrentQueue<string> Received { get; } = new();

        private Device() => _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
            _arrived.Release();
            return Task.CompletedTask;
        };

        public static async Task<(Device Device, bool SessionPresent)> ConnectAsync(int port, string id, bool cleanSession, bool subscribe)
        {
            var d = new Device();
            var result = await d._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id)
                .WithProtocolVersion(MqttProtocolVersion.V311).WithCleanSession(cleanSession).Build());
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            if (subscribe) await d._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"sec/v1/{id}/cmd", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
            return (d, result.IsSessionPresent);
        }

        /// <summary>Waits for the next command; the ones before it are in <see cref="Received"/> in arrival order.</summary>
        public async Task<string> NextAsync()
        {
            if (!await _arrived.WaitAsync(Wait)) throw new TimeoutException("no command arrived");
            return Received.ToArray()[^1];
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected) await _client.DisconnectAsync();
            _client.Dispose();
            _arrived.Dispose();
        }
    }

    private static DeviceCommand Command(string device, string text, TimeSpan? ttl = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new DeviceCommand(Guid.NewGuid().ToString("N"), device, "test", Encoding.UTF8.GetBytes(text), now, now + (ttl ?? TimeSpan.FromMinutes(5)));
    }

    private static async Task WaitDisconnectedAsync(InProcessGateway gw, string id) =>
        await Eventually.TrueAsync(() => !gw.Services.GetRequiredService<EdgeGateway.Core.Devices.IDeviceConnections>()
            .ConnectedDeviceIdsAsync(CancellationToken.None).GetAwaiter().GetResult().Contains(id), Wait, id + " to be disconnected");

    [Fact]
    public async Task A_clean_session_off_device_gets_its_session_back_and_what_was_queued_while_it_was_away()
    {
        await using var gw = await InProcessGateway.StartAsync();
        var channel = gw.Services.GetRequiredService<IDeviceCommandChannel>();
        var (first, present) = await Device.ConnectAsync(gw.Port, "pb-s1", cleanSession: false, subscribe: true);
        Assert.False(present);
        Assert.Equal(DeliveryOutcome.Delivered, await channel.SendAsync(Command("pb-s1", "one"), CancellationToken.None));
        Assert.Equal("one", await first.NextAsync());
        await first.DisposeAsync();
        await WaitDisconnectedAsync(gw, "pb-s1");

        Assert.Equal(DeliveryOutcome.Queued, await channel.SendAsync(Command("pb-s1", "two"), CancellationToken.None));
        var (again, resumed) = await Device.ConnectAsync(gw.Port, "pb-s1", cleanSession: false, subscribe: false); // relies on the kept subscription
        await using (again)
        {
            Assert.True(resumed, "session present after a clean-session-off reconnect");
            Assert.Equal("two", await again.NextAsync());
            Assert.Equal(["two"], again.Received);
        }
    }

    [Fact]
    public async Task A_clean_session_on_connect_discards_the_session_and_the_queued_commands()
    {
        await using var gw = await InProcessGateway.StartAsync();
        var channel = gw.Services.GetRequiredService<IDeviceCommandChannel>();
        var (first, _) = await Device.ConnectAsync(gw.Port, "pb-s2", cleanSession: false, subscribe: true);
        await first.DisposeAsync();
        await WaitDisconnectedAsync(gw, "pb-s2");
        Assert.Equal(DeliveryOutcome.Queued, await channel.SendAsync(Command("pb-s2", "stale"), CancellationToken.None));

        var (clean, present) = await Device.ConnectAsync(gw.Port, "pb-s2", cleanSession: true, subscribe: true);
        await using (clean)
        {
            Assert.False(present, "no session present after a clean-session connect");
            // A marker sent now must be the first and only thing the clean session receives.
            Assert.Equal(DeliveryOutcome.Delivered, await channel.SendAsync(Command("pb-s2", "marker"), CancellationToken.None));
            Assert.Equal("marker", await clean.NextAsync());
            Assert.Equal(["marker"], clean.Received);
        }
        Assert.Equal(1, gw.Services.GetRequiredService<GatewayMetrics>().CommandsClearedTotal);
    }

    [Fact]
    public async Task A_queued_command_past_its_ttl_is_dropped_counted_and_never_delivered()
    {
        await using var gw = await InProcessGateway.StartAsync();
        var channel = gw.Services.GetRequiredService<IDeviceCommandChannel>();
        var metrics = gw.Services.GetRequiredService<GatewayMetrics>();
        Assert.Equal(DeliveryOutcome.Queued, await channel.SendAsync(Command("pb-s3", "too-late", TimeSpan.FromMilliseconds(300)), CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Queued, await channel.SendAsync(Command("pb-s3", "in-time"), CancellationToken.None));
        await Eventually.TrueAsync(() => metrics.CommandsExpiredTotal == 1, Wait, "the expired command to be dropped and counted");
        Assert.Contains("expired before their device took them", gw.Logs.AllText, StringComparison.Ordinal);

        var (device, _) = await Device.ConnectAsync(gw.Port, "pb-s3", cleanSession: false, subscribe: true);
        await using (device)
        {
            Assert.Equal("in-time", await device.NextAsync());
            Assert.Equal(DeliveryOutcome.Delivered, await channel.SendAsync(Command("pb-s3", "marker"), CancellationToken.None));
            Assert.Equal("marker", await device.NextAsync());
            Assert.Equal(["in-time", "marker"], device.Received);
        }
    }

    [Fact]
    public async Task The_per_device_queue_bound_refuses_more_and_other_devices_are_not_affected()
    {
        await using var gw = await InProcessGateway.StartAsync("--Commands:MaxQueuedPerDevice=3");
        var channel = gw.Services.GetRequiredService<IDeviceCommandChannel>();
        for (var i = 0; i < 3; i++) Assert.Equal(DeliveryOutcome.Queued, await channel.SendAsync(Command("pb-s4", "c" + i), CancellationToken.None));
        Assert.Equal(DeliveryOutcome.QueueFull, await channel.SendAsync(Command("pb-s4", "c3"), CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Queued, await channel.SendAsync(Command("pb-s5", "other"), CancellationToken.None));

        var (device, _) = await Device.ConnectAsync(gw.Port, "pb-s4", cleanSession: false, subscribe: true);
        await using (device)
        {
            await Eventually.TrueAsync(() => device.Received.Count == 3, Wait, "the three queued commands");
            Assert.Equal(["c0", "c1", "c2"], device.Received);
        }
    }

    [Fact]
    public async Task An_ack_whose_command_expired_is_recorded_expired_and_a_new_ack_is_sent_again()
    {
        await using var gw = await InProcessGateway.StartAsync("--Commands:QueueTtl=00:00:01");
        var metrics = gw.Services.GetRequiredService<GatewayMetrics>();
        var acks = gw.Services.GetRequiredService<AlarmAcknowledger>();
        using (var client = new MqttClientFactory().CreateMqttClient())
        {
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", gw.Port).WithClientId("pb-s6")
                .WithProtocolVersion(MqttProtocolVersion.V311).Build());
            var panic = $$$"""{"v":1,"dev":"pb-s6","boot":1,"seq":1,"type":"panic","ts":{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}},"sync":true,"data":{}}""";
            var published = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sec/v1/pb-s6/evt").WithPayload(panic)
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.True(published.IsSuccess);
            await client.DisconnectAsync();
        }
        await WaitDisconnectedAsync(gw, "pb-s6");

        var first = await acks.AckAsync("pb-s6:1:1", "officer", EdgeGateway.Contracts.Commands.CommandSources.Cli, CancellationToken.None);
        Assert.Equal(EdgeGateway.Contracts.Commands.CommandStatus.Accepted, first.Status);
        await Eventually.TrueAsync(() => metrics.CommandsExpiredTotal == 1, Wait, "the queued ack to expire");
        await Eventually.TrueAsync(() => acks.Find("pb-s6:1:1")?.Delivery == AckDelivery.Expired, Wait, "the ack's record to say expired");

        var second = await acks.AckAsync("pb-s6:1:1", "officer", EdgeGateway.Contracts.Commands.CommandSources.Cli, CancellationToken.None);
        Assert.Equal(EdgeGateway.Contracts.Commands.CommandStatus.Accepted, second.Status);
        Assert.Contains("\"duplicate\":false", second.Json, StringComparison.Ordinal);
        Assert.Equal(AckDelivery.Queued, acks.Find("pb-s6:1:1")!.Delivery);
    }
}
