using System.Text;
using CsCheck;
using EdgeGateway.Firmware.Core.Provisioning;

namespace EdgeGateway.Firmware.Tests.Provisioning;

/// <summary>SPEC "Provisioning over serial": the device side of the line protocol.</summary>
public sealed class ProvisioningSessionTests
{
    private const string Secret = "s3cr3t-Value-0123456789";

    private static void Provision(SessionHarness h)
    {
        Assert.Equal("OK", h.Line("SET device.id pb-0042"));
        Assert.Equal("OK", h.Line("SET site.id ward-7"));
        Assert.Equal("OK", h.Line("SET mqtt.host 192.168.1.10"));
        Assert.Equal("OK", h.Line("SET device.secret " + Secret));
        Assert.Equal("OK committed", h.Line("COMMIT"));
    }

    [Fact]
    public void Hello_reports_model_firmware_hardware_and_whether_provisioned()
    {
        var h = new SessionHarness();
        Assert.Equal("OK HELLO model=panic-button fw=1.0.0 hw=hw-1 provisioned=no unlocked=yes", h.Line("HELLO"));
        Provision(h);
        Assert.StartsWith("OK HELLO model=panic-button fw=1.0.0 hw=hw-1 provisioned=yes", h.Line("hello"), StringComparison.Ordinal);
    }

    [Fact]
    public void Set_then_commit_persists_all_settings_at_once_with_defaults()
    {
        var h = new SessionHarness();
        Assert.Equal("OK", h.Line("SET wifi.ssid Ward 7 Community"));
        Provision(h);
        Assert.Equal(1, h.Saves);
        Assert.Equal("Ward 7 Community", h.Flash![DeviceConfig.WifiSsid]);
        Assert.Equal(Secret, h.Flash[DeviceConfig.DeviceSecret]);
        Assert.Equal("1883", h.Flash[DeviceConfig.MqttPort]);
        Assert.Equal("false", h.Flash[DeviceConfig.MqttTls]);
    }

    [Fact]
    public void Commit_with_missing_keys_is_refused_and_nothing_is_saved()
    {
        var h = new SessionHarness();
        Assert.Equal("OK", h.Line("SET device.id pb-1"));
        Assert.Equal("ERR 422 missing device.secret", h.Line("COMMIT"));
        Assert.Equal(0, h.Saves);
        Assert.Null(h.Flash);
    }

    [Theory]
    [InlineData("SET mqtt.port 70000", "ERR 422 mqtt.port must be 1-65535")]
    [InlineData("SET mqtt.port 12a", "ERR 422 mqtt.port must be 1-65535")]
    [InlineData("SET mqtt.tls yes", "ERR 422 mqtt.tls must be true or false")]
    [InlineData("SET device.id pb 1", "ERR 422 device.id must be 1-64 characters of A-Z a-z 0-9 - _")]
    [InlineData("SET mqtt.host gw;rm", "ERR 422 mqtt.host must be a host name or IPv4 address")]
    [InlineData("SET wifi.pass short", "ERR 422 wifi.pass must be empty (open network) or 8-63 characters")]
    [InlineData("SET device.secret tooshort", "ERR 422 device.secret must be 16-128 printable characters without spaces")]
    [InlineData("SET color red", "ERR 404 unknown key")]
    [InlineData("GET nothing", "ERR 404 unknown key")]
    [InlineData("FLY", "ERR 400 unknown command (HELLO, SET, GET, COMMIT, TEST, TEST-MODE, REBOOT, FACTORY-RESET)")]
    public void Each_key_is_validated_and_bad_input_gets_a_plain_error(string line, string expected)
    {
        var h = new SessionHarness();
        Assert.Equal(expected, h.Line(line));
    }

    [Fact]
    public void Secrets_are_never_echoed_get_shows_stars()
    {
        var h = new SessionHarness();
        Assert.Equal("OK device.secret=", h.Line("GET device.secret"));
        Assert.Equal("OK", h.Line("SET wifi.pass wifi-password-1"));
        Provision(h);
        Assert.Equal("OK device.secret=***", h.Line("GET device.secret"));
        Assert.Equal("OK wifi.pass=***", h.Line("GET wifi.pass"));
        Assert.Equal("OK device.id=pb-0042", h.Line("GET device.id"));
        h.TestProblem = "broker refused secret " + Secret; // even a careless action message is scrubbed
        Assert.Equal("ERR 503 broker refused secret ***", h.Line("TEST"));
        Assert.DoesNotContain(Secret, h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wifi-password-1", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_runs_with_the_merged_settings_and_reports_ok()
    {
        var h = new SessionHarness();
        Provision(h);
        Assert.Equal("OK TEST wifi=ok broker=ok", h.Line("TEST"));
        Assert.Equal("pb-0042", h.TestedWith![DeviceConfig.DeviceId]);
    }

    [Fact]
    public void A_provisioned_device_refuses_changes_until_the_button_is_held_at_power_up()
    {
        var first = new SessionHarness();
        Provision(first);
        var locked = new SessionHarness(first.Flash);
        Assert.StartsWith("ERR 403 locked", locked.Line("SET site.id other"), StringComparison.Ordinal);
        Assert.StartsWith("ERR 403 locked", locked.Line("COMMIT"), StringComparison.Ordinal);
        Assert.StartsWith("ERR 403 locked", locked.Line("FACTORY-RESET"), StringComparison.Ordinal);
        Assert.Equal("OK site.id=ward-7", locked.Line("GET site.id"));
        Assert.Equal("OK TEST wifi=ok broker=ok", locked.Line("TEST"));

        var unlocked = new SessionHarness(first.Flash, buttonHeld: true);
        Assert.Equal("OK", unlocked.Line("SET site.id other"));
        Assert.Equal("OK committed", unlocked.Line("COMMIT"));
        Assert.Equal("other", unlocked.Flash![DeviceConfig.SiteId]);
        Assert.Equal("OK factory reset", unlocked.Line("FACTORY-RESET"));
        Assert.Null(unlocked.Flash);
        Assert.Contains("provisioned=no", unlocked.Line("HELLO"), StringComparison.Ordinal);
    }

    [Fact]
    public void Reboot_answers_first_then_restarts()
    {
        var h = new SessionHarness();
        Assert.Equal("OK rebooting", h.Line("REBOOT"));
        Assert.Equal(1, h.Reboots);
    }

    [Fact]
    public void An_over_long_line_gets_one_err_413_and_the_next_line_works()
    {
        var h = new SessionHarness();
        var answers = h.Send("SET wifi.ssid " + new string('x', 5000) + "\nHELLO\n");
        Assert.Equal(2, answers.Length);
        Assert.Equal("ERR 413 line too long (max 256 characters)", answers[0]);
        Assert.StartsWith("OK HELLO", answers[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_baud_noise_gets_err_400_and_crlf_lines_and_split_writes_work()
    {
        var h = new SessionHarness();
        var noise = new byte[] { 0xF0, 0x0F, 0xAA, 0x55, 0x00, 0xFF, (byte)'\n' };
        Assert.Equal("ERR 400 unreadable bytes in line (check 115200 8N1)", Assert.Single(h.SendBytes(noise)));
        Assert.Empty(h.Send("HEL"));
        Assert.StartsWith("OK HELLO", Assert.Single(h.Send("LO\r\n")), StringComparison.Ordinal);
        Assert.Empty(h.Send("\r\n\n")); // empty lines are ignored
    }

    [Fact]
    public void Random_bytes_never_throw_and_every_line_gets_exactly_one_ok_or_err()
    {
        var bytes = Gen.Byte.Array[0, 2000];
        var textish = Gen.OneOf(Gen.Const("SET "), Gen.Const("GET "), Gen.Const("COMMIT"), Gen.Const("TEST"), Gen.Const("FACTORY-RESET"),
            Gen.Const("device.id "), Gen.Const("\n"), Gen.Const("\r"), Gen.String[0, 300]).Array[0, 40].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        Gen.OneOf(bytes, textish).Sample(input =>
        {
            var h = new SessionHarness();
            var answers = h.SendBytes(input);
            h.SendBytes("\n"u8.ToArray()); // close any open line
            Assert.All(h.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                line => Assert.True(line.StartsWith("OK", StringComparison.Ordinal) || line.StartsWith("ERR ", StringComparison.Ordinal), line));
            Assert.True(answers.Length <= input.Count(b => b == (byte)'\n') + input.Length / ProvisioningSession.MaxLine + 1);
            // The session is still usable afterwards.
            Assert.StartsWith("OK HELLO", h.Line("HELLO"), StringComparison.Ordinal);
        }, iter: 300);
    }
}
