
namespace EdgeGateway.Simulator.Tests;

public sealed class ScenarioParserTests
{
    [Fact]
    public void Every_action_parses_and_steps_are_ordered_by_time()
    {
        var steps = ScenarioParser.Parse(
        [
            "# comment",
            "at 7s pb-0001 battery 3.3",
            "at 2s pb-0001 press",
            "at 3s pb-0001 hold 11s   # trailing comment",
            "at 500ms cb-0001 tap 04A1B2C3",
            "at 6s pb-0002 tamper",
            "at 6s pb-0002 untamper",
            "at 1m pb-0003 test-mode 2m",
            "at 9s pb-0003 reboot",
            "",
        ]);
        Assert.Equal(["tap", "press", "hold", "tamper", "untamper", "battery", "reboot", "test-mode"], steps.Select(s => s.Action));
        Assert.Equal(TimeSpan.FromSeconds(11), steps[2].Duration);
        Assert.Equal(new byte[] { 0x04, 0xA1, 0xB2, 0xC3 }, steps[0].Uid);
        Assert.Equal(3.3, steps[5].Volts);
        Assert.Equal(TimeSpan.FromMinutes(2), steps[7].Duration);
    }

    [Theory]
    [InlineData("pb-0001 press", "line 1: expected 'at <time>")]
    [InlineData("at 2x pb-0001 press", "time '2x'")]
    [InlineData("at 2s xx-0001 press", "must be pb-NNNN")]
    [InlineData("at 2s pb-0001 jump", "unknown action 'jump'")]
    [InlineData("at 2s pb-0001 hold", "'hold' needs one argument")]
    [InlineData("at 2s pb-0001 press now", "'press' takes no argument")]
    [InlineData("at 2s pb-0001 tap 04A1B2C3", "only beacons")]
    [InlineData("at 2s cb-0001 press", "for panic buttons")]
    [InlineData("at 2s cb-0001 tap XYZ", "not hex")]
    [InlineData("at 2s cb-0001 tap 0102", "4, 7 or 10 bytes")]
    [InlineData("at 2s pb-0001 battery lots", "must be volts")]
    public void A_bad_line_is_refused_with_its_number_and_reason(string line, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ScenarioParser.Parse([line]));
        Assert.Contains("scenario line 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
