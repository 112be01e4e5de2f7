using System.Text;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.PanicButton;

public sealed class PanicButtonMachineTests
{
    private readonly FakeClock _clock = new();
    private readonly ScriptedLink _link = new();
    private readonly RecordingLed _led = new();
    private readonly PanicButtonMachine _machine;

    public PanicButtonMachineTests() => _machine = new PanicButtonMachine("pb-7", 3, _clock, _led, _link);

    private string Json(int i) => Encoding.UTF8.GetString(_link.Published[i].Payload);

    [Fact]
    public void Button_down_publishes_a_panic_at_once()
    {
        var id = _machine.ButtonDown();
        Assert.Equal("pb-7:3:1", id);
        var (_, topic, _) = Assert.Single(_link.Published);
        Assert.Equal("sec/v1/pb-7/evt", topic);
        Assert.Contains("\"type\":\"panic\"", Json(0), StringComparison.Ordinal);
        Assert.Equal(LedState.Sending, _machine.Led);
    }

    [Fact]
    public void Led_goes_sending_delivered_acknowledged()
    {
        var id = _machine.ButtonDown();
        _machine.ButtonUp();
        _link.Ack(_link.Published[0].Token);
        Assert.Equal(LedState.Delivered, _machine.Led);
        _link.Deliver("sec/v1/pb-7/cmd", $$"""{"cmd":"ack","id":"{{id}}"}""");
        Assert.Equal(LedState.Acknowledged, _machine.Led);
        Assert.Equal([LedState.Idle, LedState.Sending, LedState.Delivered, LedState.Acknowledged], _led.History);
    }

    [Fact]
    public void Every_press_is_a_panic_with_the_next_seq()
    {
        for (var i = 0; i < 5; i++)
        {
            _machine.ButtonDown();
            _machine.ButtonUp();
            _clock.Advance(300);
        }
        Assert.Equal(5, _link.Published.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("\"type\":\"panic\"", Json(i), StringComparison.Ordinal);
            Assert.Contains($"\"seq\":{i + 1},", Json(i), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Holding_ten_seconds_sends_a_cancel_for_the_alarm()
    {
        var id = _machine.ButtonDown();
        _clock.Advance(9_900);
        _machine.Tick();
        Assert.Single(_link.Published);
        _clock.Advance(100);
        _machine.Tick();
        Assert.Equal(2, _link.Published.Count);
        Assert.Contains("\"type\":\"cancel\"", Json(1), StringComparison.Ordinal);
        Assert.Contains($"\"ref\":\"{id}\"", Json(1), StringComparison.Ordinal);
        _machine.Tick();
        Assert.Equal(2, _link.Published.Count);
    }

    [Fact]
    public void Unacked_events_are_resent_in_order_after_a_reconnect()
    {
        _machine.ButtonDown(); _machine.ButtonUp();
        _machine.ButtonDown(); _machine.ButtonUp();
        _link.Drop();
        Assert.Equal(LedState.Failing, _machine.Led);
        _machine.ButtonDown(); _machine.ButtonUp(); // while offline: kept
        Assert.Equal(2, _link.Published.Count);
        _link.Restore();
        Assert.Equal(5, _link.Published.Count);
        Assert.Contains("\"seq\":1,", Json(2), StringComparison.Ordinal);
        Assert.Contains("\"seq\":2,", Json(3), StringComparison.Ordinal);
        Assert.Contains("\"seq\":3,", Json(4), StringComparison.Ordinal);
        foreach (var p in _link.Published.Skip(2)) _link.Ack(p.Token);
        Assert.Equal(0, _machine.PendingCount);
        Assert.Equal(LedState.Delivered, _machine.Led);
    }

    [Fact]
    public void A_malformed_command_changes_nothing()
    {
        _machine.ButtonDown();
        _link.Ack(_link.Published[0].Token);
        _link.Deliver("sec/v1/pb-7/cmd", "{\"cmd\":\"ack\"");
        _link.Deliver("sec/v1/pb-7/cmd", "\u0000\u0001garbage");
        _link.Deliver("sec/v1/pb-8/cmd", "{\"cmd\":\"ack\"}");
        Assert.Equal(LedState.Delivered, _machine.Led);
    }
}
