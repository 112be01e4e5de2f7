using EdgeGateway.Console.Auth;

namespace EdgeGateway.Console.Tests.Auth;

public sealed class LoginThrottleTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void The_delay_doubles_per_failure_and_a_guessed_user_is_capped_so_the_officer_always_gets_through()
    {
        var throttle = new LoginThrottle(new ManualTime());
        Assert.Equal(TimeSpan.Zero, throttle.Begin("duty", "10.0.0.9"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), throttle.Begin("duty", "10.0.0.9"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), throttle.Begin("duty", "10.0.0.9"));
        for (var i = 0; i < 50; i++) throttle.Begin("duty", "10.0.0.9");
        Assert.Equal(LoginThrottle.AddressCap, throttle.Begin("duty", "10.0.0.9")); // the guesser waits 30 s per try
        Assert.Equal(LoginThrottle.UserCap, throttle.Begin("duty", "10.0.0.1")); // the officer elsewhere waits at most 4 s
    }

    [Fact]
    public void Success_clears_the_counts_and_old_failures_are_forgotten()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < 5; i++) throttle.Begin("a", "1.1.1.1");
        throttle.Succeeded("a", "1.1.1.1");
        Assert.Equal(TimeSpan.Zero, throttle.Begin("a", "1.1.1.1"));

        for (var i = 0; i < 5; i++) throttle.Begin("b", "2.2.2.2");
        time.Now += LoginThrottle.Memory + TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.Zero, throttle.Begin("b", "2.2.2.2"));
    }
}
