using System.Diagnostics;
using System.Text;
using EdgeGateway.TestInfra;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.EndToEnd.Tests.Guarantees;

/// <summary>
/// Overload (issue 17) through the real gateway: devices with more events queued than the gateway can commit. The
/// broker announces <c>Broker:Limits:ReceiveMaximum</c> in MQTT 5 CONNACKs and handles one connection's publishes one at
/// a time, so each device has at most that many PUBACKs pending, each device gets its turn at every group commit, and a
/// device that is not flooding is not queued behind those that are.
/// </summary>
public sealed class OverloadTests
{
    private const int FloodDevices = 20, EventsEach = 250, ReceiveMaximum = 8;

    /// <summary>The PUBACK timeout of the devices (the firmware's): a publish not acked by then is sent again.</summary>
    private static readonly TimeSpan PubackTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Under_overload_no_device_waits_past_its_PUBACK_timeout_and_another_devices_panic_is_acked_while_the_flood_goes_on()
    {
        // The devices connect at once from one address (127.0.0.1), where a ward's each have their own: the per-address
        // limit on connections still logging in (10) would close some of them.
        await using var gateway = await InProcessGateway.StartAsync($"--Broker:Limits:ReceiveMaximum={ReceiveMaximum}", "--Broker:Limits:MaxPendingPerAddress=64");
        var flooders = await Task.WhenAll(Enumerable.Range(0, FloodDevices).Select(i => ConnectAsync(gateway.Port, $"fl-{i}", MqttProtocolVersion.V500)));
        var (button, _) = await ConnectAsync(gateway.Port, "pb-quiet", MqttProtocolVersion.V311); // connected before the flood: pressed during it
        try
        {
            Assert.All(flooders, f => Assert.Equal((ushort?)ReceiveMaximum, f.Connack.ReceiveMaximum));
            var acked = 0L;
            var longestTicks = 0L;
            var flood = flooders.Select((f, i) => FloodAsync(f.Client, $"fl-{i}", f.Connack.ReceiveMaximum ?? 0, () => Interlocked.Increment(ref acked),
                wait => InterlockedMax(ref longestTicks, wait.Ticks))).ToArray();
            await Eventually.TrueAsync(() => Interlocked.Read(ref acked) >= FloodDevices * EventsEach / 10, TimeSpan.FromSeconds(30), "the flood to be under way");

            using (var timeout = new CancellationTokenSource(PubackTimeout))
            {
                var panic = await button.PublishAsync(Event("pb-quiet", 1, "panic"), timeout.Token);
                var ackedThen = Interlocked.Read(ref acked);
                Assert.True(panic.IsSuccess, $"the panic was refused: {panic.ReasonCode}");
                Assert.True(ackedThen < FloodDevices * EventsEach, "the panic was acked only once the flood was over");
            }

            await Task.WhenAll(flood); // a publish not acked within PubackTimeout fails here
            Assert.Equal(FloodDevices * EventsEach, Interlocked.Read(ref acked));
            Assert.True(TimeSpan.FromTicks(longestTicks) < PubackTimeout, $"a device waited {TimeSpan.FromTicks(longestTicks)} for a PUBACK");
            Assert.Equal(FloodDevices * EventsEach + 1, gateway.Metrics.StoredTotal);
        }
        finally
        {
            button.Dispose();
            foreach (var f in flooders) f.Client.Dispose();
        }
    }

    /// <summary>Publishes <see cref="EventsEach"/> check-ins, keeping <paramref name="window"/> outstanding (what its CONNACK allowed).</summary>
    private static async Task FloodAsync(IMqttClient client, string dev, int window, Action onAck, Action<TimeSpan> onWait)
    {
        Assert.InRange(window, 1, ReceiveMaximum);
        using var slots = new SemaphoreSlim(window);
        var sends = new List<Task>();
        for (var seq = 1; seq <= EventsEach; seq++)
        {
            await slots.WaitAsync();
            var message = Event(dev, seq, "checkin", $"{{\"card\":\"c{seq}\",\"checkpoint\":\"cp\"}}");
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    var sent = Stopwatch.GetTimestamp();
                    using var timeout = new CancellationTokenSource(PubackTimeout);
                    var r = await client.PublishAsync(message, timeout.Token);
                    Assert.True(r.IsSuccess, $"{dev}: {r.ReasonCode}");
                    onWait(Stopwatch.GetElapsedTime(sent));
                    onAck();
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        await Task.WhenAll(sends);
    }

    private static async Task<(IMqttClient Client, MqttClientConnectResult Connack)> ConnectAsync(int port, string id, MqttProtocolVersion version)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var connack = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id)
            .WithProtocolVersion(version).WithTimeout(TimeSpan.FromSeconds(30)).Build());
        Assert.Equal(MqttClientConnectResultCode.Success, connack.ResultCode);
        return (client, connack);
    }

    private static MqttApplicationMessage Event(string dev, long seq, string type, string data = "{}") =>
        new MqttApplicationMessageBuilder().WithTopic($"sec/v1/{dev}/evt").WithPayload(Encoding.UTF8.GetBytes(RetryingDevice.Envelope(dev, 1, seq, type, data)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value > seen; seen = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
        }
    }
}
