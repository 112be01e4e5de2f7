using System.Collections;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.Provisioning;

/// <summary>The technician's <c>TEST-MODE</c> over serial arms the running panic button's test mode.</summary>
public sealed class SerialTestModeTests
{
    private readonly DeviceRig _rig = new();
    private readonly PanicButtonMachine _machine;

    public SerialTestModeTests() => _machine = _rig.PanicButton();

    private static Hashtable Stored() => new()
    {
        ["device.id"] = "pb-7", ["device.secret"] = "0123456789abcdef0123", ["site.id"] = "ward-7", ["mqtt.host"] = "127.0.0.1",
    };

    [Fact]
    public void Test_mode_over_serial_turns_the_next_press_into_a_test_until_it_is_disarmed()
    {
        var serial = new SessionHarness(Stored(), buttonHeld: true);
        serial.Session.AttachTestMode(_machine);

        Assert.Equal("OK test mode on for 5 min", serial.Line("TEST-MODE 5"));
        Assert.True(_machine.TestModeArmed);
        _machine.ButtonDown();
        _machine.ButtonUp();
        Assert.Equal("test", _rig.Type(0));

        Assert.Equal("OK test mode off", serial.Line("TEST-MODE 0"));
        _machine.ButtonDown();
        Assert.Equal("panic", _rig.Type(1));
    }

    [Fact]
    public void Test_mode_over_serial_expires_by_itself()
    {
        var serial = new SessionHarness(Stored(), buttonHeld: true);
        serial.Session.AttachTestMode(_machine);
        serial.Line("TEST-MODE 1");

        _rig.Clock.Advance(60_000);
        _machine.Tick();

        Assert.False(_machine.TestModeArmed);
    }

    [Theory]
    [InlineData(false, "TEST-MODE 5", "ERR 403")]
    [InlineData(true, "TEST-MODE 61", "ERR 422")]
    [InlineData(true, "TEST-MODE soon", "ERR 422")]
    public void Test_mode_over_serial_needs_the_physical_action_and_a_sane_duration(bool buttonHeld, string line, string expected)
    {
        var serial = new SessionHarness(Stored(), buttonHeld);
        serial.Session.AttachTestMode(_machine);

        Assert.StartsWith(expected, serial.Line(line), StringComparison.Ordinal);
        Assert.False(_machine.TestModeArmed);
    }

    [Fact]
    public void A_device_without_a_running_panic_button_refuses_test_mode()
    {
        var serial = new SessionHarness();

        Assert.StartsWith("ERR 409", serial.Line("TEST-MODE 5"), StringComparison.Ordinal);
    }
}
