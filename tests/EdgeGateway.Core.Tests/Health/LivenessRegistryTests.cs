using EdgeGateway.Core.Health;

namespace EdgeGateway.Core.Tests.Health;

public sealed class LivenessRegistryTests
{
    private static readonly WatchdogOptions Options = new() { TickInterval = TimeSpan.FromSeconds(5), StaleAfter = TimeSpan.FromSeconds(20) };

    [Fact]
    public void A_part_that_stops_ticking_is_stale_after_StaleAfter_and_live_again_once_it_ticks()
    {
        var clock = new SteppedClock();
        var registry = new LivenessRegistry(Options, clock);
        var writer = registry.Register("buffer-writer");
        var forwarder = registry.Register("forwarder");

        clock.Advance(TimeSpan.FromSeconds(15));
        forwarder.Tick();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(registry.Stale()); // exactly StaleAfter is not yet stale

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["buffer-writer"], registry.Stale().Select(b => b.Name));

        writer.Tick();
        Assert.Empty(registry.Stale());
    }

    [Fact]
    public void A_part_that_never_ticks_gets_one_StaleAfter_of_grace_from_registration()
    {
        var clock = new SteppedClock();
        var registry = new LivenessRegistry(Options, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        registry.Register("broker");
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Empty(registry.Stale());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["broker"], registry.Stale().Select(b => b.Name));
    }

    [Fact]
    public void Options_refuse_a_stale_window_shorter_than_two_ticks()
    {
        var problems = new WatchdogOptions { TickInterval = TimeSpan.FromSeconds(5), StaleAfter = TimeSpan.FromSeconds(9) }.Validate().ToList();
        Assert.Contains(problems, p => p.Contains("Watchdog:StaleAfter", StringComparison.Ordinal));
        Assert.Empty(Options.Validate());
    }

    /// <summary>A monotonic clock the test steps (the registry reads only timestamps).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
