using System.Text.Json;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Forwarding;
using EdgeGateway.Core.Tests.Fakes;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Forwarding;

/// <summary>After a failure the forwarder backs off; alarms and the link's return end the wait, nothing else does.</summary>
public sealed class ForwarderOutageTests : IAsyncDisposable
{
    /// <summary>Longer than any test: only a wake-up can end such a backoff.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromHours(1);

    private readonly InMemoryEventBuffer _buffer = new();
    private readonly ScriptedUplink _uplink = new();
    private readonly GatewayMetrics _metrics = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_000_000));
    private readonly CancellationTokenSource _stop = new();
    private ForwardingStatus? _status;
    private Task? _run;

    private void Start(TimeSpan retry)
    {
        var options = new ForwarderOptions { BatchSize = 256, Window = 4, RetryMin = retry, RetryMax = retry * 4 };
        var events = new GatewayEventEmitter(_buffer, new GatewayIdentity("gw-1", 2), _time);
        _status = new ForwardingStatus(_time);
        _run = new Forwarder(_buffer, _uplink, options, _metrics, NullLogger<Forwarder>.Instance, events, _time, status: _status).RunAsync(_stop.Token);
    }

    private async Task AppendAsync(string dev, long seq, string type) =>
        await _buffer.AppendAsync(Envelopes.Parsed(dev, seq, type), Envelopes.Raw(dev, seq, type), null, CancellationToken.None);

    /// <summary>A backlog whose first send failed: the forwarder now sits in a backoff that never ends by itself.</summary>
    private async Task<ScriptedUplink.PendingSend> OutageWithBacklogAsync()
    {
        for (var s = 1; s <= 3; s++) await AppendAsync("cb-1", s, "checkin");
        Start(Forever);
        var first = await _uplink.NextAsync();
        first.Fail();
        await Eventually.TrueAsync(() => _metrics.UplinkFailureTotal == 1, TimeSpan.FromSeconds(5), "the backoff to start");
        return first;
    }

    [Fact]
    public async Task A_panic_committed_during_a_backoff_is_sent_at_once_and_old_events_keep_waiting()
    {
        await OutageWithBacklogAsync();
        await AppendAsync("pb-1", 1, "panic");
        var panic = await _uplink.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["pb-1:1:1"], panic.Ids);

        panic.Fail(); // the hub is still away: the panic waits with the rest, and the next new panic still goes at once
        await Eventually.TrueAsync(() => _metrics.UplinkFailureTotal == 2, TimeSpan.FromSeconds(5), "the second backoff");
        await AppendAsync("pb-2", 1, "panic");
        Assert.Equal(["pb-2:1:1"], (await _uplink.NextAsync(TimeSpan.FromSeconds(5))).Ids);
    }

    [Fact]
    public async Task A_failed_panic_is_sent_again_after_the_alarm_retry_not_the_backoff_and_brings_the_backlog_when_it_gets_through()
    {
        var first = await OutageWithBacklogAsync(); // the backlog's backoff is an hour
        await AppendAsync("pb-1", 1, "panic");
        (await _uplink.NextAsync(TimeSpan.FromSeconds(5))).Fail();
        await Eventually.TrueAsync(() => _metrics.UplinkFailureTotal == 2, TimeSpan.FromSeconds(5), "the panic's failure noted");

        _time.Advance(new ForwarderOptions().AlarmRetry);
        var again = await _uplink.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["pb-1:1:1"], again.Ids);
        again.Ack();
        var backlog = await _uplink.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(first.Ids, backlog.Ids.Take(first.Ids.Count));
    }

    [Fact]
    public async Task The_backlog_is_resent_from_the_head_the_moment_the_link_reports_it_is_back()
    {
        var first = await OutageWithBacklogAsync();
        _uplink.Reconnected.Raise();
        var resent = await _uplink.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(first.Ids, resent.Ids);
    }

    [Fact]
    public async Task A_panic_that_gets_through_during_a_backoff_brings_the_backlog_right_after_it()
    {
        var first = await OutageWithBacklogAsync();
        await AppendAsync("pb-1", 1, "panic");
        var panic = await _uplink.NextAsync(TimeSpan.FromSeconds(5));
        panic.Ack();
        var backlog = await _uplink.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(first.Ids, backlog.Ids.Take(first.Ids.Count)); // uplink_restored, just committed, may ride along
    }

    [Fact]
    public async Task The_first_success_after_failures_emits_uplink_restored_with_the_outage_length_and_the_backlog()
    {
        for (var s = 1; s <= 2; s++) await AppendAsync("cb-1", s, "checkin");
        Start(TimeSpan.FromMilliseconds(1));
        (await _uplink.NextAsync()).Fail();
        await Eventually.TrueAsync(() => _metrics.UplinkFailureTotal == 1, TimeSpan.FromSeconds(5), "the failure noted");
        _time.Advance(TimeSpan.FromSeconds(70));
        (await _uplink.NextAsync()).Ack();

        var restored = await _uplink.NextAsync();
        var message = Assert.Single(restored.Batch);
        Assert.Equal("uplink_restored", message.Type);
        var data = JsonDocument.Parse(message.Envelope).RootElement.GetProperty("data");
        Assert.Equal(70_000, data.GetProperty("outageMs").GetInt64());
        Assert.Equal("scripted", data.GetProperty("uplink").GetString());
        Assert.True(data.GetProperty("backlog").GetInt64() >= 0);
        restored.Ack();
        await Eventually.TrueAsync(() => _buffer.Count == 0, TimeSpan.FromSeconds(5), "everything delivered");
        Assert.Single(_uplink.History, b => b.Any(m => m.Type == "uplink_restored"));
        Assert.Equal((1, 1), (_metrics.UplinkRestoredTotal, _status!.Restorations)); // edgegw_uplink_reconnects and the buffer page
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), _status.LastSuccessAtMs);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _uplink.FailAll();
        if (_run is not null) await Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
        _metrics.Dispose();
    }
}
