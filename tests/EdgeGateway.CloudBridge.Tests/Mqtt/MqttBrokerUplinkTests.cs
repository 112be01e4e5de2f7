using System.Text;
using System.Text.Json;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.Mqtt;

/// <summary>The generic MQTT uplink against a real Mosquitto process.</summary>
public sealed class MqttBrokerUplinkTests
{
    private static MqttBrokerUplink Uplink(int port, string? template = null, TimeSpan? ackTimeout = null) => new(
        new MqttUplinkOptions { Port = port, TopicTemplate = template ?? "edge/{gw}/{dev}/{type}", AckTimeout = ackTimeout ?? TimeSpan.FromSeconds(5) },
        "gw-1", null, NullLogger<MqttBrokerUplink>.Instance);

    [Fact]
    public async Task A_batch_completes_once_the_broker_has_acked_and_arrives_on_the_templated_topic()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var sub = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/#");
        await using var uplink = Uplink(mosquitto.Port, "edge/{gw}/{prio}/{dev}/{type}");

        await uplink.SendAsync([Messages.Panic("pb-1", 1), Messages.Panic("pb-1", 2)], CancellationToken.None);

        var (topic, payload) = await sub.WaitForAsync((_, p) => Encoding.UTF8.GetString(p).Contains("pb-1:1:2", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal("edge/gw-1/P0/pb-1/panic", topic);
        Assert.Equal("pb-1:1:2", JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString());
        Assert.Equal(Contracts.Uplink.UplinkState.Connected, uplink.State);
    }

    [Fact]
    public async Task With_routine_batching_on_a_batch_of_check_ins_arrives_as_one_message_naming_every_event()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var sub = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/#");
        await using var uplink = new MqttBrokerUplink(new MqttUplinkOptions { Port = mosquitto.Port, BatchRoutine = true }, "gw-1", null, NullLogger<MqttBrokerUplink>.Instance);
        var checkins = Enumerable.Range(1, 50).Select(i => Messages.Of("checkin", Contracts.PriorityClass.P2, "cb-1", i)).ToList();

        await uplink.SendAsync(checkins, CancellationToken.None);

        var (topic, payload) = await sub.WaitForAsync((t, _) => t == "edge/gw-1/batch", TimeSpan.FromSeconds(10));
        Assert.Equal(checkins.Select(c => c.EventId), UpstreamIds.Of(payload));
    }

    [Fact]
    public async Task An_unreachable_broker_fails_the_send_with_a_clear_error()
    {
        await using var uplink = Uplink(FreePort.Next());
        var ex = await Assert.ThrowsAsync<UplinkException>(() => uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None));
        Assert.Contains("cannot reach upstream broker 127.0.0.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_that_refuses_the_client_fails_the_send()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync(allowAnonymous: false);
        await using var uplink = Uplink(mosquitto.Port);
        var ex = await Assert.ThrowsAsync<UplinkException>(() => uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None));
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_broker_dies_and_returns_the_next_send_reconnects()
    {
        var port = FreePort.Next();
        await using var uplink = Uplink(port);
        await using (var first = await MosquittoProcess.StartAsync(port: port))
        {
            await uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);
            await first.KillAsync();
        }
        await Assert.ThrowsAnyAsync<Exception>(() => uplink.SendAsync([Messages.Panic("pb-1", 2)], CancellationToken.None));
        await using var second = await MosquittoProcess.StartAsync(port: port);
        await using var sub = await UpstreamSubscriber.ConnectAsync(second.Host, second.Port, "edge/#");
        await uplink.SendAsync([Messages.Panic("pb-1", 2)], CancellationToken.None);
        await sub.WaitForAsync((_, p) => Encoding.UTF8.GetString(p).Contains("pb-1:1:2", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }
}
