using System.IO.Ports;
using System.Text;
using EdgeGateway.Core.Devices;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Cli.Tests;

/// <summary>Issue 6: `edgegw device provision` over a real pty pair (socat), against the real gateway with auth on.</summary>
public sealed class ProvisioningOverSerialTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("provision");
    private InProcessGateway _gateway = null!;
    private PtyPair _pty = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartWithAuthAsync();
        _pty = await PtyPair.StartAsync(_dir.Path);
    }

    public async Task DisposeAsync()
    {
        await _pty.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose(); // xunit calls it after DisposeAsync

    private string[] Provision(string id, double timeout = 5, params string[] extra) =>
    [
        "--data-dir", _gateway.DataDirectory, "device", "provision", "--port", _pty.CliPath, "--type", "panic-button",
        "--id", id, "--site", "ward-7", "--mqtt-host", "127.0.0.1", "--mqtt-port", _gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--timeout", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra,
    ];

    [Fact]
    public async Task A_technician_provisions_a_virtual_panic_button_and_sees_its_first_heartbeat()
    {
        var state = Path.Combine(_dir.Path, "vdev");
        await using var vdev = Proc.Start("edgegw-vdev", "--serial", _pty.DevicePath, "--state-dir", state, "--heartbeat-every", "1");
        await Eventually.TrueAsync(() => vdev.Output.Contains("powered up", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "vdev to start");

        // Line noise and garbage first (a wrong-baud burst, an over-long line): the device answers ERR and keeps going.
        using (var line = new SerialPort(_pty.CliPath, 115200) { ReadTimeout = 10_000, NewLine = "\n" })
        {
            line.Open();
            line.Write([0xF0, 0x0F, 0xAA, 0x00, 0xFE, (byte)'\n'], 0, 6);
            Assert.StartsWith("ERR 400", line.ReadLine(), StringComparison.Ordinal);
            line.Write(new string('z', 1000) + "\n");
            Assert.StartsWith("ERR 413", line.ReadLine(), StringComparison.Ordinal);
            line.Write("GARBAGE\n");
            Assert.StartsWith("ERR 400 unknown command", line.ReadLine(), StringComparison.Ordinal);
        }

        var (code, output) = await Proc.EdgegwAsync(Provision("pb-0042", extra: ["--wifi-ssid", "Ward 7", "--wifi-pass", "wifi-pass-123"]));
        Assert.True(code == 0, output);
        Assert.Contains("[6/6] rebooting", output, StringComparison.Ordinal);
        Assert.Contains("test     OK", output, StringComparison.Ordinal);
        Assert.Contains("device.secret = ***", output, StringComparison.Ordinal);

        await Eventually.TrueAsync(() => _gateway.Registry.Find("pb-0042")?.LastHeartbeat is not null, TimeSpan.FromSeconds(20), "the first heartbeat");
        // After the REBOOT the firmware's boot flow found the stored settings and its machine logged in with them.
        Assert.Contains("vdev: powered up, provisioned=no, led=NeedsProvisioning", vdev.Output, StringComparison.Ordinal);
        Assert.Contains("vdev: powered up, provisioned=yes", vdev.Output, StringComparison.Ordinal);
        Assert.Contains("vdev: connected as pb-0042", vdev.Output, StringComparison.Ordinal);
        var (showCode, show) = await Proc.EdgegwAsync("--data-dir", _gateway.DataDirectory, "device", "show", "pb-0042");
        Assert.Equal(0, showCode);
        var heartbeatLine = show.Split('\n').Single(l => l.StartsWith("last heartbeat", StringComparison.Ordinal));
        Assert.DoesNotContain("never", heartbeatLine, StringComparison.Ordinal);

        // The secret is on the device and nowhere in what anyone saw.
        var secret = File.ReadAllLines(Path.Combine(state, "config.txt")).Single(l => l.StartsWith("device.secret=", StringComparison.Ordinal))["device.secret=".Length..];
        Assert.True(secret.Length >= 22, "at least 128 bits");
        Assert.Equal(VerifyResult.Ok, _gateway.Registry.Verify("pb-0042", secret));
        foreach (var text in new[] { output, show, vdev.Output, _gateway.Logs.AllText })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("wifi-pass-123", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_silent_device_gives_a_plain_error_and_registers_nothing()
    {
        var (code, output) = await Proc.EdgegwAsync(Provision("pb-silent", timeout: 1));
        Assert.Equal(1, code);
        Assert.Contains("no answer from the device on " + _pty.CliPath, output, StringComparison.Ordinal);
        Assert.Null(_gateway.Registry.Find("pb-silent"));
    }

    [Fact]
    public async Task A_missing_port_gives_a_plain_error()
    {
        var args = Provision("pb-x");
        args[Array.IndexOf(args, _pty.CliPath)] = "/dev/ttyUSB-not-here";
        var (code, output) = await Proc.EdgegwAsync(args);
        Assert.Equal(1, code);
        Assert.Contains("serial port /dev/ttyUSB-not-here does not exist", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task A_wrong_baud_rate_is_named_as_such()
    {
        // What a device at another speed looks like: bytes arrive, none of them readable.
        using var device = new ScriptedSerialDevice(_pty.DevicePath, _ => [0xE6, 0x98, 0x00, 0xF8, 0x86, 0x9E, 0xFF, 0x80]);
        var (code, output) = await Proc.EdgegwAsync(Provision("pb-baud", timeout: 2));
        Assert.Equal(1, code);
        Assert.Contains("unreadable bytes: wrong baud rate?", output, StringComparison.Ordinal);
        Assert.Null(_gateway.Registry.Find("pb-baud"));
    }

    [Fact]
    public async Task An_id_already_in_use_is_refused_before_the_device_is_touched()
    {
        _gateway.Registry.Add("pb-taken", "panic-button", "ward-7", null, SecretHasher.NewSecret(), DateTimeOffset.UtcNow);
        using var device = new ScriptedSerialDevice(_pty.DevicePath, _ => Encoding.ASCII.GetBytes("OK HELLO model=panic-button\n"));
        var (code, output) = await Proc.EdgegwAsync(Provision("pb-taken"));
        Assert.Equal(1, code);
        Assert.Contains("device id 'pb-taken' is already in use", output, StringComparison.Ordinal);
        Assert.Empty(device.Received);
    }

    [Fact]
    public async Task A_device_unplugged_mid_way_gives_a_plain_error_and_the_registration_is_rolled_back()
    {
        using var device = new ScriptedSerialDevice(_pty.DevicePath, line =>
            line.StartsWith("HELLO", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes("OK HELLO model=panic-button fw=1 hw=x provisioned=no\n") : null);
        var run = Proc.EdgegwAsync(Provision("pb-unplug", timeout: 3));
        await Eventually.WithinAsync(device.FirstSet.Task, TimeSpan.FromSeconds(30), "the first SET");
        await _pty.UnplugAsync();
        var (code, output) = await run;
        Assert.Equal(1, code);
        Assert.Matches("lost the serial line|no answer from the device", output);
        Assert.Contains("rolled back: pb-unplug removed from the registry", output, StringComparison.Ordinal);
        Assert.Null(_gateway.Registry.Find("pb-unplug"));
    }
}
