using EdgeGateway.EndToEnd.Tests.Devices;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.Patrols;

/// <summary>
/// The gateway process is SIGKILLed in the middle of a round and comes back after the round's second window and its
/// end have passed: the tap made before the kill still counts, and the checkpoint whose window closed while the
/// gateway was down is judged missed at start, never skipped.
/// </summary>
[Trait("Category", GatewayProcess.Category)]
public sealed class RoundAcrossGatewayKillTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_window_that_closed_while_the_gateway_was_down_is_judged_missed_at_start()
    {
        using var data = new TempDir("patrol-kill9");
        new CardStore(PatrolDatabase.Open(data.Path)).Enrol("04A1B2C3", "Thabo M.", "north", DateTimeOffset.UtcNow);
        await using var gateway = await GatewayProcess.StartAsync(data.Path, "--Gateway:Id=gw-k9p");
        var uplink = new UplinkFile(Path.Combine(data.Path, "uplink.jsonl"));
        await using var gate = new VirtualBeacon(new MqttLinkOptions { Port = gateway.Port, DeviceId = "cb-0001" }, "cp-0001", MemoryFlashStore.WithNextBoot(1));
        await gate.ConnectAsync(CancellationToken.None);
        var start = await ShortRound.ScheduleAsync(data.Path);

        await ShortRound.UntilAsync(start.AddSeconds(1));
        gate.Tap([0x04, 0xA1, 0xB2, 0xC3]);
        Assert.Equal("on_time", await ShortRound.VerdictAsync(data.Path, "cp-0001", Wait));
        await gateway.KillAsync();
        await ShortRound.UntilAsync(start.AddSeconds(13)); // cp-0002's window (+9 s) and the round (+12 s) end while it is down
        var restarted = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await gateway.RestartAsync();

        var missed = await uplink.WaitForTypeAsync("checkpoint_missed", "gw-k9p", Wait);
        Assert.Equal("P1", missed.GetProperty("prio").GetString());
        var evt = missed.GetProperty("evt");
        Assert.Equal("cp-0002", evt.GetProperty("data").GetProperty("checkpoint").GetString());
        Assert.True(evt.GetProperty("ts").GetInt64() >= restarted, "judged after the restart");
        var completed = (await uplink.WaitForTypeAsync("round_completed", "gw-k9p", Wait)).GetProperty("evt").GetProperty("data");
        Assert.Equal(1, completed.GetProperty("on_time").GetInt32()); // the tap before the kill survived
        Assert.Equal(1, completed.GetProperty("missed").GetInt32());
        Assert.Single(uplink.Lines(), l => l.GetProperty("type").GetString() == "checkpoint_missed");
    }
}
