using EdgeGateway.Core.Clock;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Clock;

public class ReferenceClockTests
{
    [Fact]
    public void The_reference_clock_follows_the_rtc_offset_until_ntp_and_never_moves_timestamps()
    {
        var system = new FakeTimeProvider(new DateTimeOffset(1970, 1, 1, 0, 1, 0, TimeSpan.Zero)); // a Pi without network after boot
        var clock = new ReferenceClock(system);
        var stamp = clock.GetTimestamp();
        Assert.Equal(ClockSource.Unsynced, clock.Source);
        Assert.False(clock.IsSynced);

        var rtc = new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);
        clock.UseReference(rtc, system.GetUtcNow(), ClockSource.Rtc);
        system.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(rtc + TimeSpan.FromSeconds(5), clock.GetUtcNow());
        Assert.True(clock.IsSynced);
        Assert.Equal(stamp + system.TimestampFrequency * 5, clock.GetTimestamp());

        system.SetUtcNow(rtc + TimeSpan.FromMinutes(1));
        clock.UseSystem(ClockSource.Ntp);
        Assert.Equal(rtc + TimeSpan.FromMinutes(1), clock.GetUtcNow());
        Assert.Equal(ClockSource.Ntp, clock.Source);
    }
}
