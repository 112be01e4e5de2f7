using System.Text;
using System.Text.Json;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.Patrols;

/// <summary>
/// Two virtual beacons walk a round against the real gateway process, on the real clock. The uplink is a real
/// Mosquitto (reached through a socat relay, so the test decides when the gateway may reconnect). Mosquitto is
/// killed before the second checkpoint's window closes: the gateway detects the miss offline, keeps the
/// <c>checkpoint_missed</c> in its buffer, and it arrives upstream as P1 once Mosquitto is back.
/// </summary>
[Trait("Category", GatewayProcess.Category)]
public sealed class MissedCheckpointUpstreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly byte[] Card = [0x04, 0xA1, 0xB2, 0xC3];

    [Fact]
    public async Task A_checkpoint_missed_while_the_uplink_is_down_arrives_upstream_as_P1_after_it_returns()
    {
        using var data = new TempDir("patrol-e2e");
        var mosquittoPort = FreePort.Next();
        MosquittoProcess? mosquitto = await MosquittoProcess.StartAsync(port: mosquittoPort);
        UpstreamSubscriber? cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-pat/#");
        var relayPort = FreePort.Next();
        TcpRelay? relay = await TcpRelay.StartAsync(relayPort, mosquittoPort);
        new CardStore(PatrolDatabase.Open(data.Path)).Enrol("04A1B2C3", "Thabo M.", "north", DateTimeOffset.UtcNow);
        await using var gateway = await GatewayProcess.StartAsync(data.Path,
            "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={relayPort}", "--Gateway:Id=gw-pat", "--Forwarder:RetryMax=00:00:00.500");
        await using var gate = new VirtualBeacon(new MqttLinkOptions { Port = gateway.Port, DeviceId = "cb-0001" }, "cp-0001", MemoryFlashStore.WithNextBoot(1));
        await using var pump = new VirtualBeacon(new MqttLinkOptions { Port = gateway.Port, DeviceId = "cb-0002" }, "cp-0002", MemoryFlashStore.WithNextBoot(1));
        await gate.ConnectAsync(CancellationToken.None);
        await pump.ConnectAsync(CancellationToken.None);

        // Written while the gateway runs: it picks the file up on its next tick. One round, 4 s from now.
        var start = await ShortRound.ScheduleAsync(data.Path);

        try
        {
            await ShortRound.UntilAsync(start.AddSeconds(1));
            var tap = gate.Tap(Card);
            await cloud.WaitForAsync((t, p) => t.EndsWith("/checkin", StringComparison.Ordinal) && Encoding.UTF8.GetString(p).Contains(tap, StringComparison.Ordinal), Wait);
            Assert.Equal("on_time", await ShortRound.VerdictAsync(data.Path, "cp-0001", Wait));

            // The uplink goes down before cp-0002's window closes (start + 6 s + 2 s tolerance + 1 s grace); cp-0002 is never tapped.
            await cloud.DisposeAsync();
            cloud = null;
            await mosquitto.DisposeAsync();
            mosquitto = null;
            Assert.Equal("missed", await ShortRound.VerdictAsync(data.Path, "cp-0002", Wait));
            await Eventually.TrueAsync(() => ShortRound.OutboxEmpty(data.Path), Wait, "the checkpoint_missed to be committed to the gateway's buffer");
            var detectedBefore = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

            await relay.DisposeAsync();
            relay = null;
            mosquitto = await MosquittoProcess.StartAsync(port: mosquittoPort);
            cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-pat/#");
            relay = await TcpRelay.StartAsync(relayPort, mosquittoPort);

            var (_, payload) = await cloud.WaitForAsync((t, _) => t.EndsWith("/checkpoint_missed", StringComparison.Ordinal), Wait);
            var missed = JsonDocument.Parse(payload).RootElement;
            Assert.Equal("P1", missed.GetProperty("prio").GetString());
            var evt = missed.GetProperty("evt");
            Assert.Equal("gw-pat", evt.GetProperty("dev").GetString());
            Assert.True(evt.GetProperty("ts").GetInt64() < detectedBefore, "the miss was detected while the uplink was down");
            Assert.Equal("cp-0002", evt.GetProperty("data").GetProperty("checkpoint").GetString());
            Assert.Equal("north", evt.GetProperty("data").GetProperty("team").GetString());
            Assert.Equal(start.AddSeconds(6).ToUnixTimeMilliseconds(), evt.GetProperty("data").GetProperty("expected").GetInt64());

            var (_, done) = await cloud.WaitForAsync((t, _) => t.EndsWith("/round_completed", StringComparison.Ordinal), Wait);
            var completed = JsonDocument.Parse(done).RootElement;
            Assert.Equal("P2", completed.GetProperty("prio").GetString());
            Assert.Equal(1, completed.GetProperty("evt").GetProperty("data").GetProperty("missed").GetInt32());
            Assert.Equal("Thabo M.", completed.GetProperty("evt").GetProperty("data").GetProperty("walked_by")[0].GetString());
        }
        finally
        {
            if (relay is not null) await relay.DisposeAsync();
            if (cloud is not null) await cloud.DisposeAsync();
            if (mosquitto is not null) await mosquitto.DisposeAsync();
        }
    }
}
