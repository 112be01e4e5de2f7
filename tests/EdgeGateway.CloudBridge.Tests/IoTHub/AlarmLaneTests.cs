using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>The alarm lane against a fake link (acks when the test says) and a fake clock (the send rate).</summary>
public sealed class AlarmLaneTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly FakeHubLink _link = new();
    private AlarmLane? _lane;
    private int _acked;

    /// <param name="pack">Uplink:IoTHub:PackWaitingAlarms (off in the product by default; most tests here are about packing).</param>
    private AlarmLane Lane(int maxAlarmInflight = 4, int rate = 1000, int maxMessageBytes = 256 * 1024, bool pack = true) =>
        _lane = new AlarmLane(_link, new InflightGate(maxAlarmInflight), new SendRateLimiter(rate, _time),
            new BatchPlanner("gw", maxMessageBytes), () => Interlocked.Increment(ref _acked), NullLogger.Instance, pack);

    private static PlannedBatch Alarms(params UplinkMessage[] alarms) => new(alarms, []);

    private static UplinkMessage Panic(int n) => Messages.Panic($"pb-{n % 3}", n);

    [Fact]
    public async Task An_alarm_that_finds_a_free_slot_and_a_send_token_goes_at_once_and_alone()
    {
        var lane = Lane();
        var sends = Enumerable.Range(1, 3).Select(i => lane.SendAsync(Alarms(Panic(i)), CancellationToken.None)).ToArray();

        // Written before SendAsync returned: no wait, no packing.
        Assert.Equal(3, _link.Writes.Count);
        Assert.All(_link.Writes, w => Assert.False(w.Message.Properties.ContainsKey("batch")));
        Assert.Equal(["pb-1:1:1", "pb-2:1:2", "pb-0:1:3"], _link.Writes.Select(w => w.Message.MessageId));
        Assert.All(sends, s => Assert.False(s.IsCompleted, "a send completed before the hub acked"));
        foreach (var w in _link.Writes) w.Ack.SetResult();
        await Task.WhenAll(sends).WaitAsync(Wait);
        Assert.Equal(3, _acked);
    }

    [Fact]
    public async Task Alarms_that_find_their_slots_taken_go_together_in_the_next_message_in_the_order_they_came()
    {
        var lane = Lane(maxAlarmInflight: 2);
        var first = new[] { lane.SendAsync(Alarms(Panic(1)), CancellationToken.None), lane.SendAsync(Alarms(Panic(2)), CancellationToken.None) };
        var waiting = Enumerable.Range(3, 5).Select(i => lane.SendAsync(Alarms(Panic(i)), CancellationToken.None)).ToArray();
        Assert.Equal(2, _link.Writes.Count); // the alarms' slots: nothing more is written while two are unacked

        _link.Writes[0].Ack.SetResult();
        await Eventually.TrueAsync(() => _link.Writes.Count == 3, Wait, "the freed slot to carry the waiting alarms");
        var packed = _link.Writes[2].Message;
        Assert.Equal(["pb-0:1:3", "pb-1:1:4", "pb-2:1:5", "pb-0:1:6", "pb-1:1:7"], packed.EventIds);
        Assert.Equal("5", packed.Properties["batch"]);
        Assert.Equal("P0", packed.Properties["prio"]);
        Assert.Equal("pb-0:1:3+5", packed.MessageId);
        Assert.All(waiting, s => Assert.False(s.IsCompleted));

        _link.Writes[2].Ack.SetResult();
        await Task.WhenAll(waiting).WaitAsync(Wait);
        Assert.False(first[1].IsCompleted, "an alarm completed on another message's ack");
    }

    [Fact]
    public async Task Without_packing_alarms_that_waited_for_a_slot_still_go_one_per_message_in_the_order_they_came()
    {
        var lane = Lane(maxAlarmInflight: 2, pack: false);
        var all = Enumerable.Range(1, 5).Select(i => lane.SendAsync(Alarms(Panic(i)), CancellationToken.None)).ToArray();
        Assert.Equal(2, _link.Writes.Count); // the alarms' slots: the other three wait in the gateway, not at the hub

        for (var acked = 0; acked < 3; acked++)
        {
            _link.Writes[acked].Ack.SetResult();
            await Eventually.TrueAsync(() => _link.Writes.Count == acked + 3, Wait, "the freed slot to carry the next alarm");
        }
        Assert.Equal(["pb-1:1:1", "pb-2:1:2", "pb-0:1:3", "pb-1:1:4", "pb-2:1:5"], _link.Writes.Select(w => w.Message.MessageId));
        Assert.All(_link.Writes, w =>
        {
            Assert.False(w.Message.Properties.ContainsKey("batch"));
            Assert.Equal("panic", w.Message.Properties["type"]);
        });
        foreach (var w in _link.Writes.Skip(3)) w.Ack.SetResult();
        await Task.WhenAll(all).WaitAsync(Wait);
    }

    [Fact]
    public async Task Alarms_that_wait_for_the_send_rate_are_packed_when_the_next_token_comes()
    {
        var lane = Lane(maxAlarmInflight: 32, rate: 10);
        // The bucket's burst (one second's worth and the slot at "now") goes one alarm per message.
        for (var i = 1; i <= 11; i++) _ = lane.SendAsync(Alarms(Panic(i)), CancellationToken.None);
        Assert.Equal(11, _link.Writes.Count);
        var late = Enumerable.Range(12, 4).Select(i => lane.SendAsync(Alarms(Panic(i)), CancellationToken.None)).ToArray();
        Assert.Equal(11, _link.Writes.Count);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.TrueAsync(() => _link.Writes.Count == 12, Wait, "the next token to send the waiting alarms");
        Assert.Equal(["pb-0:1:12", "pb-1:1:13", "pb-2:1:14", "pb-0:1:15"], _link.Writes[11].Message.EventIds);
        _link.Writes[11].Ack.SetResult();
        await Task.WhenAll(late).WaitAsync(Wait);
    }

    [Fact]
    public async Task A_failed_message_fails_every_alarm_in_it_and_a_retry_sends_only_the_alarms_not_yet_acked()
    {
        var lane = Lane(maxAlarmInflight: 1);
        var batch = Alarms(Panic(1), Panic(2));
        var send = lane.SendAsync(batch, CancellationToken.None);
        var other = lane.SendAsync(Alarms(Panic(3)), CancellationToken.None);
        _link.Writes[0].Ack.SetResult(); // pb-1:1:1 is at the hub
        await Eventually.TrueAsync(() => _link.Writes.Count == 2, Wait, "the waiting alarms to be written");
        Assert.Equal(["pb-2:1:2", "pb-0:1:3"], _link.Writes[1].Message.EventIds);

        _link.Writes[1].Ack.SetException(new UplinkException("link dropped mid-send"));
        await Assert.ThrowsAsync<UplinkException>(() => send.WaitAsync(Wait));
        await Assert.ThrowsAsync<UplinkException>(() => other.WaitAsync(Wait));

        var retry = lane.SendAsync(batch, CancellationToken.None);
        await Eventually.TrueAsync(() => _link.Writes.Count == 3, Wait, "the retry to be written");
        Assert.Equal(["pb-2:1:2"], _link.Writes[2].Message.EventIds);
        _link.Writes[2].Ack.SetResult();
        await retry.WaitAsync(Wait);
        Assert.Equal([true, true], batch.AlarmAcked);
    }

    [Fact]
    public async Task Packed_alarms_stay_below_the_message_size_limit_and_keep_their_order_across_messages()
    {
        var lane = Lane(maxAlarmInflight: 1, maxMessageBytes: 4096);
        var sends = Enumerable.Range(1, 41).Select(i => lane.SendAsync(Alarms(Panic(i)), CancellationToken.None)).ToArray();
        for (var n = 1; !sends.All(s => s.IsCompleted); n++)
        {
            await Eventually.TrueAsync(() => _link.Writes.Count >= n || sends.All(s => s.IsCompleted), Wait, $"message {n}");
            if (_link.Writes.Count >= n) _link.Writes[n - 1].Ack.SetResult();
        }
        await Task.WhenAll(sends).WaitAsync(Wait);

        // The 40 that waited need more than 4 KB (each is a ~190-byte object), so they were cut into several messages.
        Assert.True(_link.Writes.Skip(1).Sum(w => w.Message.Body.Length) > 4096);
        Assert.True(_link.Writes.Count >= 3, $"{_link.Writes.Count} messages");
        Assert.All(_link.Writes, w => Assert.True(w.Message.Topic.Length + w.Message.Body.Length <= 4096, $"{w.Message.Topic.Length} + {w.Message.Body.Length} bytes"));
        Assert.Equal(Enumerable.Range(1, 41).Select(i => Panic(i).EventId), _link.Writes.SelectMany(w => w.Message.EventIds));
    }

    [Fact]
    public async Task A_sender_that_gives_up_is_left_out_of_the_next_message()
    {
        var lane = Lane(maxAlarmInflight: 1);
        _ = lane.SendAsync(Alarms(Panic(1)), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var gone = lane.SendAsync(Alarms(Panic(2)), cancel.Token);
        var kept = lane.SendAsync(Alarms(Panic(3)), CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone.WaitAsync(Wait));
        _link.Writes[0].Ack.SetResult();
        await Eventually.TrueAsync(() => _link.Writes.Count == 2, Wait, "the next message");
        Assert.Equal(["pb-0:1:3"], _link.Writes[1].Message.EventIds);
        _link.Writes[1].Ack.SetResult();
        await kept.WaitAsync(Wait);
    }

    public void Dispose() => _lane?.Dispose();
}
