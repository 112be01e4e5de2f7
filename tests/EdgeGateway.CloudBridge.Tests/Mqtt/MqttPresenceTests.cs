using System.Text;
using System.Text.Json;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.Mqtt;

/// <summary>The cloud supervises the gateway: a retained status topic, "online" on connect, "offline" as last will and on stop (real Mosquitto).</summary>
public sealed class MqttPresenceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static MqttBrokerUplink Uplink(int port) =>
        new(new MqttUplinkOptions { Port = port, AckTimeout = TimeSpan.FromSeconds(5) }, "gw-1", null, NullLogger<MqttBrokerUplink>.Instance);

    private static Func<string, byte[], bool> Status(string state) =>
        (topic, payload) => topic == "edge/gw-1/status" && JsonDocument.Parse(payload).RootElement.GetProperty("state").GetString() == state;

    [Fact]
    public async Task A_gateway_that_vanishes_is_marked_offline_by_its_last_will_and_the_mark_is_retained()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        var relay = await TcpRelay.StartAsync(FreePort.Next(), mosquitto.Port);
        await using var uplink = Uplink(relay.Port);
        await uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);
        await using (var sub = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-1/status"))
        {
            await sub.WaitForAsync(Status("online"), Wait); // retained: this subscriber came after the publish
        }

        await relay.DisposeAsync(); // the link dies without a DISCONNECT, as when the gateway loses power

        await using var late = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-1/status");
        var (_, payload) = await late.WaitForAsync(Status("offline"), Wait);
        Assert.Equal("gw-1", JsonDocument.Parse(payload).RootElement.GetProperty("gw").GetString());
    }

    [Fact]
    public async Task An_orderly_stop_publishes_a_retained_offline()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        var uplink = Uplink(mosquitto.Port);
        await uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);

        await uplink.DisposeAsync();

        await using var late = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-1/status");
        var (topic, payload) = await late.WaitForAsync(Status("offline"), Wait);
        Assert.Equal("edge/gw-1/status", topic);
        Assert.Contains("\"state\":\"offline\"", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }
}
