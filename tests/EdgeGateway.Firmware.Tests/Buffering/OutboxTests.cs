using System.Text;
using EdgeGateway.Firmware.Core.Buffering;

namespace EdgeGateway.Firmware.Tests.Buffering;

public sealed class OutboxTests
{
    private static OutboxEntry Entry(string type, int seq) => new("pb-1:1:" + seq, type, Encoding.UTF8.GetBytes("{}"));

    private static List<string> Ids(Outbox o) => Enumerable.Range(0, o.Count).Select(i => o[i].EventId).ToList();

    [Fact]
    public void A_full_outbox_drops_the_oldest_heartbeat_before_any_other_event()
    {
        var outbox = new Outbox(3);
        outbox.Add(Entry("boot", 1));
        outbox.Add(Entry("heartbeat", 2));
        outbox.Add(Entry("heartbeat", 3));

        var dropped = outbox.Add(Entry("checkin", 4));

        Assert.Equal("pb-1:1:2", dropped!.EventId);
        Assert.Equal(["pb-1:1:1", "pb-1:1:3", "pb-1:1:4"], Ids(outbox));
        Assert.Equal(1, outbox.Dropped);
    }

    [Fact]
    public void Without_heartbeats_the_oldest_p2_event_goes_and_a_new_heartbeat_is_the_one_dropped()
    {
        var outbox = new Outbox(2);
        outbox.Add(Entry("checkin", 1));
        outbox.Add(Entry("test", 2));

        Assert.Equal("pb-1:1:1", outbox.Add(Entry("cmd_result", 3))!.EventId);
        Assert.Equal("pb-1:1:4", outbox.Add(Entry("heartbeat", 4))!.EventId);
        Assert.Equal(["pb-1:1:2", "pb-1:1:3"], Ids(outbox));
        Assert.Equal(2, outbox.Dropped);
    }

    [Fact]
    public void Alarms_are_never_dropped_and_do_not_count_against_the_capacity()
    {
        var outbox = new Outbox(1);
        outbox.Add(Entry("heartbeat", 1));
        foreach (var (type, seq) in new[] { ("panic", 2), ("cancel", 3), ("tamper", 4), ("battery_low", 5) })
            Assert.Null(outbox.Add(Entry(type, seq)));

        Assert.Equal(5, outbox.Count);
        Assert.Equal("pb-1:1:1", outbox.Add(Entry("heartbeat", 6))!.EventId);
        Assert.Equal(["pb-1:1:2", "pb-1:1:3", "pb-1:1:4", "pb-1:1:5", "pb-1:1:6"], Ids(outbox));
    }
}
