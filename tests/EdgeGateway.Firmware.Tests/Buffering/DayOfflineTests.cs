using System.Text;
using EdgeGateway.Firmware.Core.Buffering;
using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.Buffering;

/// <summary>A panic button offline for a whole day, under the fake clock: the outbox stays bounded, alarms all survive.</summary>
public sealed class DayOfflineTests
{
    [Fact]
    public void A_day_offline_drops_and_counts_heartbeats_and_keeps_every_alarm_in_order()
    {
        var rig = new DeviceRig { OutboxCapacity = 16 };
        var machine = rig.PanicButton();
        machine.Start();
        rig.AckAll();
        rig.Link.Drop();
        var alarms = new List<string>();
        for (var second = 1; second <= 24 * 3600; second++)
        {
            rig.Clock.Advance(1000);
            if (second % (3 * 3600) == 0)
            {
                alarms.Add(machine.ButtonDown());
                machine.ButtonUp();
            }
            rig.Sensors.TamperOpen = second >= 12 * 3600 && second < 12 * 3600 + 5;
            machine.Tick();
            Assert.True(machine.PendingCount <= 16 + 9, "the outbox grew past its bound at " + second + " s");
        }
        Assert.Equal(8, alarms.Count);
        var flash = Encoding.UTF8.GetString(rig.Flash.Records[OutboxFlashImage.Key]);
        Assert.All(alarms, id => Assert.Contains(id, flash, StringComparison.Ordinal));

        var before = rig.Link.Published.Count;
        rig.Link.Restore();
        var resent = rig.Link.Published.Skip(before).Select(p => Envelope.Of(p.Payload)).ToList();
        var panics = resent.Where(e => e.Type == "panic").Select(e => e.Id).ToList();
        Assert.Equal(alarms, panics);
        Assert.Single(resent, e => e.Type == "tamper");
        Assert.Equal(resent.Select(e => e.Seq).Order().ToList(), resent.Select(e => e.Seq).ToList());
        var heartbeatsKept = resent.Count(e => e.Type == "heartbeat");
        Assert.InRange(heartbeatsKept, 1, 16);

        rig.AckAll();
        rig.Clock.Advance(60_000);
        machine.Tick();
        var report = Envelope.Of(rig.Link.Published[^1].Payload);
        Assert.Equal("heartbeat", report.Type);
        // 1440 heartbeats and one daily test were made offline; all but the kept ones were dropped, and said so.
        var sheddableMade = 24 * 60 + 1;
        var sheddableKept = resent.Count(e => e.Type is "heartbeat" or "test");
        Assert.Equal(sheddableMade - sheddableKept, report.Data.GetProperty("dropped").GetInt64());
    }
}
