using System.Security.Cryptography;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Firmware.Tests.Fakes;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Firmware.Tests.Provisioning;

/// <summary>The device's power-up (firmware/core DeviceBoot) in the host build, with host seams.</summary>
public sealed class BootFlowTests
{
    private static readonly string[] NeedsWifi = [DeviceConfig.WifiSsid];
    private readonly FakeFlash _flash = new();
    private readonly BootSerial _serial = new();

    private DeviceBoot PowerUp(bool buttonHeld, RecordingLed? led = null) =>
        new(new FlashConfigStore(_flash), buttonHeld, _serial, _serial, new DeviceIdentity("panic-button", "1.1.0", "hw-9"), led ?? new RecordingLed(), NeedsWifi);

    private void Provision(string secret)
    {
        var boot = PowerUp(false);
        foreach (var line in new[] { "SET device.id pb-0042", "SET device.secret " + secret, "SET site.id ward-7", "SET mqtt.host 127.0.0.1", "SET wifi.ssid Ward7", "COMMIT" })
            Assert.StartsWith("OK", _serial.Send(boot.Session, line), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unprovisioned_device_shows_needs_provisioning_runs_the_session_and_starts_no_device()
    {
        var led = new RecordingLed();
        var boot = PowerUp(false, led);

        Assert.False(boot.RunsDevice);
        Assert.Null(boot.Settings);
        Assert.Equal(LedState.NeedsProvisioning, led.Current);
        Assert.StartsWith("OK HELLO", _serial.Send(boot.Session, "HELLO"), StringComparison.Ordinal);
        Assert.Equal("OK", _serial.Send(boot.Session, "SET device.id pb-0042"));
    }

    [Fact]
    public void A_device_missing_a_key_it_needs_stays_unprovisioned_and_commit_says_which()
    {
        var boot = PowerUp(false);
        foreach (var line in new[] { "SET device.id pb-0042", "SET device.secret 0123456789abcdef0123", "SET site.id ward-7", "SET mqtt.host 127.0.0.1" })
            _serial.Send(boot.Session, line);

        Assert.Equal("ERR 422 missing wifi.ssid", _serial.Send(boot.Session, "COMMIT"));
        Assert.False(PowerUp(false).RunsDevice);
    }

    [Fact]
    public void A_provisioned_device_runs_with_the_stored_identity_and_locks_its_session_without_the_button()
    {
        Provision("0123456789abcdef0123");
        var led = new RecordingLed();
        var boot = PowerUp(false, led);

        Assert.True(boot.RunsDevice);
        Assert.Equal("pb-0042", boot.Settings!.DeviceId);
        Assert.Equal("0123456789abcdef0123", boot.Settings.Secret);
        Assert.Equal("Ward7", boot.Settings.WifiSsid);
        Assert.NotEqual(LedState.NeedsProvisioning, led.Current);
        Assert.StartsWith("ERR 403", _serial.Send(boot.Session, "SET device.id pb-0099"), StringComparison.Ordinal);
        Assert.StartsWith("ERR 403", _serial.Send(boot.Session, "FACTORY-RESET"), StringComparison.Ordinal);
    }

    [Fact]
    public void Holding_the_button_at_power_up_unlocks_a_provisioned_device_for_new_settings()
    {
        Provision("0123456789abcdef0123");
        var boot = PowerUp(buttonHeld: true);

        Assert.True(boot.RunsDevice);
        Assert.Equal("OK", _serial.Send(boot.Session, "SET device.id pb-0099"));
        Assert.Equal("OK committed", _serial.Send(boot.Session, "COMMIT"));
        Assert.Equal("pb-0099", PowerUp(false).Settings!.DeviceId);
    }

    [Fact]
    public void A_config_record_cut_short_by_a_power_cut_reads_as_unprovisioned_and_unlocked()
    {
        Provision("0123456789abcdef0123");
        var whole = _flash.Records[FlashConfigStore.Key];
        _flash.Records[FlashConfigStore.Key] = whole[..(whole.Length - 6)];

        var boot = PowerUp(false);

        Assert.False(boot.RunsDevice);
        Assert.Equal("OK", _serial.Send(boot.Session, "SET device.id pb-0042"));
    }

    [Fact]
    public async Task A_provisioned_device_logs_in_to_a_gateway_with_auth_on_using_the_stored_id_and_secret()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        await using var gw = await InProcessGateway.StartWithAuthAsync();
        gw.Registry.Add("pb-0042", "panic-button", "ward-7", null, secret, DateTimeOffset.UtcNow);
        Provision(secret);
        var settings = PowerUp(false).Settings!;
        var options = MqttLinkOptions.From(settings);
        options.Port = gw.Port;

        await using var device = new VirtualPanicButton(options, MemoryFlashStore.WithNextBoot(1));
        var bootId = await device.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => gw.Registry.Find("pb-0042")?.LastSeen is not null, TimeSpan.FromSeconds(20), "the gateway to see pb-0042");
        Assert.Equal("pb-0042:1:1", bootId);
        var wrong = MqttLinkOptions.From(settings);
        wrong.Port = gw.Port;
        wrong.Secret = secret + "x";
        await using var impostor = new VirtualPanicButton(wrong, MemoryFlashStore.WithNextBoot(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => impostor.ConnectAsync(CancellationToken.None));
    }
}
