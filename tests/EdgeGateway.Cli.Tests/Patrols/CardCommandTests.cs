using EdgeGateway.Firmware.Host;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Storage;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Cli.Tests.Patrols;

/// <summary>`edgegw card …` as its own process, beside a running gateway for enrolment by tap.</summary>
public sealed class CardCommandTests
{
    [Fact]
    public async Task Enrol_at_a_beacon_takes_the_next_card_tapped_there_through_the_running_gateway()
    {
        await using var gw = await InProcessGateway.StartAsync();
        gw.Registry.Add("cb-0007", "beacon", "s", "cp-0007", SecretHasher.NewSecret(), DateTimeOffset.UtcNow);
        await using var beacon = new VirtualBeacon(new MqttLinkOptions { Port = gw.Port, DeviceId = "cb-0007" }, "cp-0007", MemoryFlashStore.WithNextBoot(1));
        await beacon.ConnectAsync(CancellationToken.None);

        await using var enrol = Proc.Start("edgegw", "--data-dir", gw.DataDirectory, "card", "enrol", "--at", "cb-0007", "--member", "Lindiwe K.", "--team", "north");
        await Eventually.TrueAsync(() => enrol.Output.Contains("tap the card on cb-0007", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the CLI to ask for the tap");
        beacon.Tap([0x0A, 0x0B, 0x0C, 0x0D]);
        var code = await enrol.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == 0, enrol.Output);
        Assert.Contains("enrolled card 0A0B0C0D for Lindiwe K. (team north), tapped at cb-0007", enrol.Output, StringComparison.Ordinal);
        var (listCode, list) = await Proc.EdgegwAsync("--data-dir", gw.DataDirectory, "card", "list");
        Assert.Equal(0, listCode);
        Assert.Contains("0A0B0C0D", list, StringComparison.Ordinal);
        Assert.Contains("Lindiwe K.", list, StringComparison.Ordinal);
        Assert.Null(new CardStore(PatrolDatabase.Open(gw.DataDirectory)).FindEnrolment("cb-0007")); // the request is withdrawn
    }

    [Fact]
    public async Task Enrol_at_a_beacon_with_no_tap_says_so_and_withdraws_the_request()
    {
        using var data = new TempDir("cards");
        DeviceRegistry.Open(data.Path).Add("cb-0008", "beacon", "s", "cp-0008", SecretHasher.NewSecret(), DateTimeOffset.UtcNow);
        var (code, output) = await Proc.EdgegwAsync("--data-dir", data.Path, "card", "enrol", "--at", "cb-0008", "--member", "X", "--team", "north", "--wait", "1");
        Assert.Equal(1, code);
        Assert.Contains("no card was tapped at cb-0008 within 1 s (is the gateway running and the beacon connected?)", output, StringComparison.Ordinal);
        Assert.Null(new CardStore(PatrolDatabase.Open(data.Path)).FindEnrolment("cb-0008"));
    }

    [Theory]
    [InlineData(new[] { "card", "enrol", "--uid", "04A1", "--member", "X", "--team", "north" }, "--uid '04A1' is not a card UID")]
    [InlineData(new[] { "card", "enrol", "--member", "X", "--team", "north" }, "give either --uid or --at")]
    [InlineData(new[] { "card", "enrol", "--uid", "04A1B2C3", "--member", "X", "--team", "no rth" }, "--team 'no rth' must be")]
    [InlineData(new[] { "card", "enrol", "--at", "cb-0404", "--member", "X", "--team", "north" }, "no device 'cb-0404' in the registry")]
    [InlineData(new[] { "card", "revoke", "FFFFFFFF" }, "no card FFFFFFFF is enrolled")]
    public async Task Bad_card_commands_are_refused_with_a_plain_error(string[] args, string expected)
    {
        using var data = new TempDir("cards");
        var (code, output) = await Proc.EdgegwAsync(["--data-dir", data.Path, .. args]);
        Assert.Equal(1, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_enrolled_by_uid_can_be_revoked()
    {
        using var data = new TempDir("cards");
        var (code, output) = await Proc.EdgegwAsync("--data-dir", data.Path, "card", "enrol", "--uid", "04a1b2c3", "--member", "Thabo M.", "--team", "north");
        Assert.True(code == 0, output);
        Assert.Contains("enrolled card 04A1B2C3", output, StringComparison.Ordinal);
        (code, output) = await Proc.EdgegwAsync("--data-dir", data.Path, "card", "revoke", "04A1B2C3");
        Assert.True(code == 0, output);
        Assert.True(new CardStore(PatrolDatabase.Open(data.Path)).Find("04A1B2C3")!.Revoked);
    }
}
