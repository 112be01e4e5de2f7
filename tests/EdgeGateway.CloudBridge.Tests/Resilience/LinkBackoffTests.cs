using EdgeGateway.CloudBridge.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.CloudBridge.Tests.Resilience;

/// <summary>An alarm cuts the reconnect wait short, except while the hub refuses the gateway itself.</summary>
public sealed class LinkBackoffTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static (LinkBackoff Backoff, FakeTimeProvider Time) NewBackoff()
    {
        var time = new FakeTimeProvider();
        var backoff = new LinkBackoff(new UplinkResilienceOptions
        {
            ReconnectMin = TimeSpan.FromSeconds(1),
            ReconnectMax = TimeSpan.FromSeconds(30),
            UrgentReconnectGap = TimeSpan.FromMilliseconds(100),
        }, time);
        backoff.Attempting();
        time.Advance(TimeSpan.FromSeconds(1)); // the last attempt is longer ago than the urgent gap
        return (backoff, time);
    }

    [Fact]
    public async Task An_alarm_ends_the_reconnect_wait_at_once()
    {
        var (backoff, _) = NewBackoff();
        var wait = backoff.WaitAsync(Long, CancellationToken.None);

        Assert.True(backoff.Cut());

        await wait.WaitAsync(Deadline); // ends without the fake clock moving on
    }

    [Fact]
    public async Task While_the_hub_refuses_the_gateway_an_alarm_does_not_shorten_the_wait()
    {
        var (backoff, time) = NewBackoff();
        backoff.Refused = true;
        var wait = backoff.WaitAsync(Long, CancellationToken.None);

        Assert.False(backoff.Cut());
        Assert.False(wait.IsCompleted); // nothing but the clock can end it now

        time.Advance(Long);
        await wait.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Once_the_refusal_is_over_alarms_cut_the_wait_again()
    {
        var (backoff, _) = NewBackoff();
        backoff.Refused = true;
        backoff.Refused = false;
        var wait = backoff.WaitAsync(Long, CancellationToken.None);

        Assert.True(backoff.Cut());
        await wait.WaitAsync(Deadline);
    }
}
