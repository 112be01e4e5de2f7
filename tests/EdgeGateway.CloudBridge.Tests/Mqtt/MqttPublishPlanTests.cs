using System.Text.Json;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.Contracts;
using EdgeGateway.TestInfra;

namespace EdgeGateway.CloudBridge.Tests.Mqtt;

public sealed class MqttPublishPlanTests
{
    private static readonly MqttUplinkOptions Batching = new() { BatchRoutine = true };

    [Fact]
    public void By_default_every_event_is_a_message_of_its_own_on_its_templated_topic()
    {
        var plan = MqttPublishPlan.Of([Messages.Of("checkin", PriorityClass.P2, "cb-1", 1), Messages.Of("heartbeat", PriorityClass.P3, "cb-1", 2)], "gw-1", new MqttUplinkOptions());
        Assert.Equal(["edge/gw-1/cb-1/checkin", "edge/gw-1/cb-1/heartbeat"], plan.Select(p => p.Topic));
        Assert.Equal(["cb-1:1:1", "cb-1:1:2"], plan.SelectMany(p => UpstreamIds.Of(p.Payload)));
    }

    [Fact]
    public void Routine_events_go_together_with_their_count_and_every_id_and_each_event_as_a_single_message_carries_it()
    {
        var plan = MqttPublishPlan.Of([Messages.Of("checkin", PriorityClass.P2, "cb-1", 1), Messages.Of("heartbeat", PriorityClass.P3, "hb-1", 7)], "gw-1", Batching);

        var (topic, payload) = Assert.Single(plan);
        Assert.Equal("edge/gw-1/batch", topic);
        var root = JsonDocument.Parse(payload).RootElement;
        Assert.Equal(2, root.GetProperty("batch").GetInt32());
        Assert.Equal(["cb-1:1:1", "hb-1:1:7"], root.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        var second = root.GetProperty("events")[1];
        Assert.Equal("heartbeat", second.GetProperty("type").GetString());
        Assert.Equal(7, second.GetProperty("evt").GetProperty("seq").GetInt32());
    }

    [Fact]
    public void Alarms_and_other_P0_P1_events_go_alone_and_cut_the_run_of_routine_events_so_order_is_kept()
    {
        var plan = MqttPublishPlan.Of([
            Messages.Of("checkin", PriorityClass.P2, "cb-1", 1),
            Messages.Panic("pb-1", 1),
            Messages.Of("checkin", PriorityClass.P2, "cb-1", 2),
            Messages.Of("tamper", PriorityClass.P1, "pb-2", 1),
            Messages.Of("checkin", PriorityClass.P2, "cb-1", 3),
        ], "gw-1", Batching);

        Assert.Equal(["edge/gw-1/batch", "edge/gw-1/pb-1/panic", "edge/gw-1/batch", "edge/gw-1/pb-2/tamper", "edge/gw-1/batch"], plan.Select(p => p.Topic));
        Assert.Equal(["cb-1:1:1", "pb-1:1:1", "cb-1:1:2", "pb-2:1:1", "cb-1:1:3"], plan.SelectMany(p => UpstreamIds.Of(p.Payload)));
    }

    [Fact]
    public void A_batch_message_stays_within_its_byte_limit()
    {
        var events = Enumerable.Range(1, 40).Select(i => Messages.Of("checkin", PriorityClass.P2, "cb-1", i, padding: 200)).ToList();
        var options = new MqttUplinkOptions { BatchRoutine = true, BatchMaxBytes = 2048 };

        var plan = MqttPublishPlan.Of(events, "gw-1", options);

        Assert.True(plan.Count > 1);
        Assert.All(plan, p => Assert.True(p.Payload.Length <= options.BatchMaxBytes + 256, $"{p.Payload.Length} bytes"));
        Assert.Equal(events.Select(e => e.EventId), plan.SelectMany(p => UpstreamIds.Of(p.Payload)));
    }
}
