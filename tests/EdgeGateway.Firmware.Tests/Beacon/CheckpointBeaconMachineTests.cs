using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.Beacon;

public sealed class CheckpointBeaconMachineTests
{
    private readonly DeviceRig _rig = new();

    [Fact]
    public void A_tap_sends_a_checkin_with_the_uid_and_checkpoint_and_beeps_once()
    {
        var beacon = _rig.Beacon();
        _rig.Reader.Card = [0x04, 0xA1, 0xB2, 0xC3];
        beacon.Tick();
        var data = _rig.Envelope(0).GetProperty("data");
        Assert.Equal("checkin", _rig.Type(0));
        Assert.Equal("04A1B2C3", data.GetProperty("uid").GetString());
        Assert.Equal("gate-north", data.GetProperty("checkpoint").GetString());
        Assert.Equal([BuzzerPattern.Stored], _rig.Buzzer.Played);
    }

    [Fact]
    public void A_card_resting_on_the_reader_is_one_tap_until_it_is_taken_away()
    {
        var beacon = _rig.Beacon();
        _rig.Reader.Card = [1, 2, 3, 4];
        for (var i = 0; i < 30; i++) { beacon.Tick(); _rig.Clock.Advance(100); }
        _rig.Reader.Card = null;
        _rig.Clock.Advance(CheckpointBeaconMachineTestsConstants.Away);
        beacon.Tick();
        _rig.Reader.Card = [1, 2, 3, 4];
        beacon.Tick();
        _rig.Reader.Card = [9, 9, 9, 9];
        beacon.Tick();
        Assert.Equal(["checkin", "checkin", "checkin"], _rig.Types());
        Assert.Equal("09090909", _rig.Envelope(2).GetProperty("data").GetProperty("uid").GetString());
    }

    [Fact]
    public void Offline_checkins_keep_their_original_time_and_sync_flag_and_survive_a_reboot()
    {
        var beacon = _rig.Beacon();
        _rig.Link.Drop();
        _rig.Clock.IsSynced = false;
        var ts1 = _rig.Clock.UnixMs;
        var id1 = beacon.Tap([0xAA]);
        _rig.Clock.IsSynced = true;
        _rig.Clock.Advance(90_000);
        var ts2 = _rig.Clock.UnixMs;
        var id2 = beacon.Tap([0xBB]);
        Assert.Equal([BuzzerPattern.Stored, BuzzerPattern.Stored], _rig.Buzzer.Played.Where(p => p == BuzzerPattern.Stored));
        Assert.Empty(_rig.Link.Published);

        _rig.Clock.Advance(600_000);
        var rebooted = _rig.Beacon();
        _rig.Link.Restore();
        Assert.Equal(2, rebooted.Boot);
        Assert.Equal([id1, id2], Enumerable.Range(0, 2).Select(_rig.Id));
        Assert.Equal(ts1, _rig.Envelope(0).GetProperty("ts").GetInt64());
        Assert.False(_rig.Envelope(0).GetProperty("sync").GetBoolean());
        Assert.Equal(ts2, _rig.Envelope(1).GetProperty("ts").GetInt64());
        Assert.True(_rig.Envelope(1).GetProperty("sync").GetBoolean());
    }

    [Fact]
    public void The_beacon_refuses_test_mode_but_obeys_locate()
    {
        _rig.Beacon();
        _rig.Link.Deliver("sec/v1/cb-1/cmd", """{"cmd":"test_mode","minutes":5}""");
        _rig.Link.Deliver("sec/v1/cb-1/cmd", """{"cmd":"locate"}""");
        Assert.False(_rig.Envelope(0).GetProperty("data").GetProperty("ok").GetBoolean());
        Assert.True(_rig.Envelope(1).GetProperty("data").GetProperty("ok").GetBoolean());
        Assert.Equal([BuzzerPattern.Locate], _rig.Buzzer.Played);
    }
}

internal static class CheckpointBeaconMachineTestsConstants
{
    public const long Away = Core.Beacon.CheckpointBeaconMachine.CardAwayMs;
}
