using EdgeGateway.CloudBridge.IoTHub;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

public sealed class SendRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    private SendRateLimiter TenPerSecondWithBurstUsed(bool urgent)
    {
        var limiter = new SendRateLimiter(10, _time);
        // A full bucket (one second's worth) and the slot at "now" go at once.
        for (var i = 0; i < 11; i++) Assert.True(limiter.AcquireAsync(urgent, CancellationToken.None).IsCompleted, $"send {i} of the burst waited");
        return limiter;
    }

    [Fact]
    public void A_send_past_the_burst_waits_for_its_slot()
    {
        var limiter = TenPerSecondWithBurstUsed(urgent: false);
        var next = limiter.AcquireAsync(false, CancellationToken.None);
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(next.IsCompleted);
    }

    [Fact]
    public void An_alarm_does_not_wait_behind_slots_reserved_by_other_traffic()
    {
        var limiter = TenPerSecondWithBurstUsed(urgent: false);
        var reserved = limiter.AcquireAsync(false, CancellationToken.None);
        Assert.False(reserved.IsCompleted);

        Assert.True(limiter.AcquireAsync(true, CancellationToken.None).IsCompleted, "the alarm waited for a non-alarm slot");
        Assert.False(reserved.IsCompleted);
    }

    [Fact]
    public void An_alarm_pushes_the_other_traffic_back_by_one_slot()
    {
        var limiter = TenPerSecondWithBurstUsed(urgent: false);
        var before = limiter.AcquireAsync(false, CancellationToken.None); // slot at 100 ms
        _ = limiter.AcquireAsync(true, CancellationToken.None);          // takes the 200 ms slot from the line
        var after = limiter.AcquireAsync(false, CancellationToken.None);  // so this one gets 300 ms

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(before.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.False(after.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.True(after.IsCompleted);
    }

    [Fact]
    public void Alarms_are_still_held_to_the_rate_among_themselves()
    {
        var limiter = TenPerSecondWithBurstUsed(urgent: true);
        var next = limiter.AcquireAsync(true, CancellationToken.None);
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(next.IsCompleted);
    }
}
