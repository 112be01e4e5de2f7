using EdgeGateway.CloudBridge.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.CloudBridge.Tests.Resilience;

/// <summary>The breaker counts failures in a row, not a ratio; alarms are never refused; one probe after the break.</summary>
public sealed class ConsecutiveFailureBreakerTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(15);

    [Fact]
    public void It_opens_after_exactly_the_configured_failures_in_a_row_however_many_successes_came_before()
    {
        var time = new FakeTimeProvider();
        var breaker = new ConsecutiveFailureBreaker(3, Break, time);
        var opened = 0;
        breaker.Opened += (_, _) => opened++;
        for (var i = 0; i < 1000; i++) breaker.Succeeded();

        breaker.Failed();
        breaker.Failed();
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.True(breaker.TryEnter(urgent: false, out _));
        breaker.Succeeded(); // a success in between starts the count again
        breaker.Failed();
        breaker.Failed();
        Assert.Equal(CircuitState.Closed, breaker.State);
        breaker.Failed();

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal(1, opened);
        Assert.False(breaker.TryEnter(urgent: false, out var retryAfter));
        Assert.Equal(Break, retryAfter);
    }

    [Fact]
    public void An_alarm_always_gets_an_attempt_and_its_success_closes_the_circuit()
    {
        var time = new FakeTimeProvider();
        var breaker = new ConsecutiveFailureBreaker(2, Break, time);
        var closed = 0;
        breaker.Closed += () => closed++;
        breaker.Failed();
        breaker.Failed();

        Assert.False(breaker.TryEnter(urgent: false, out _));
        Assert.True(breaker.TryEnter(urgent: true, out _));
        breaker.Failed(); // the alarm's attempt failed too: still open, non-alarms still refused
        Assert.False(breaker.TryEnter(urgent: false, out _));
        Assert.True(breaker.TryEnter(urgent: true, out _));
        breaker.Succeeded();

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(1, closed);
        Assert.True(breaker.TryEnter(urgent: false, out _));
    }

    [Fact]
    public void After_the_break_one_attempt_probes_while_the_others_still_fail_fast_and_a_failed_probe_opens_it_again()
    {
        var time = new FakeTimeProvider();
        var breaker = new ConsecutiveFailureBreaker(1, Break, time);
        breaker.Failed();
        time.Advance(Break - TimeSpan.FromMilliseconds(1));
        Assert.False(breaker.TryEnter(urgent: false, out _));
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(breaker.TryEnter(urgent: false, out _));
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        Assert.False(breaker.TryEnter(urgent: false, out _));
        breaker.Failed();
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(breaker.TryEnter(urgent: false, out _));

        time.Advance(Break);
        Assert.True(breaker.TryEnter(urgent: false, out _));
        breaker.Abandoned(); // the probe's caller gave up: the next caller probes at once
        Assert.True(breaker.TryEnter(urgent: false, out _));
        breaker.Succeeded();
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public void The_link_coming_back_ends_the_break_so_the_next_batch_probes_at_once()
    {
        var time = new FakeTimeProvider();
        var breaker = new ConsecutiveFailureBreaker(1, TimeSpan.FromMinutes(10), time);
        breaker.Failed();
        Assert.False(breaker.TryEnter(urgent: false, out _));

        breaker.LinkUp();

        Assert.True(breaker.TryEnter(urgent: false, out _));
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
    }
}
