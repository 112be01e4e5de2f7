using EdgeGateway.Core.Forwarding;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Forwarding;

public sealed class ForwardingStatusTests
{
    [Fact]
    public void The_rate_averages_the_last_ten_seconds_and_forgets_older_sends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var status = new ForwardingStatus(time);
        Assert.Null(status.LastSuccessAtMs);
        Assert.Equal(0, status.ForwardedPerSecond());

        status.Forwarded(30);
        time.Advance(TimeSpan.FromSeconds(4));
        status.Forwarded(20);
        Assert.Equal(5.0, status.ForwardedPerSecond()); // 50 over 10 s
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), status.LastSuccessAtMs);

        time.Advance(TimeSpan.FromSeconds(7)); // the first send is now 11 s old
        Assert.Equal(2.0, status.ForwardedPerSecond());
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, status.ForwardedPerSecond());
        Assert.NotNull(status.LastSuccessAtMs);
    }
}
