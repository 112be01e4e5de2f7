using EdgeGateway.Contracts;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Forwarding;
using EdgeGateway.Core.Tests.Fakes;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Forwarding;

public sealed class ForwarderTests : IAsyncDisposable
{
    private readonly InMemoryEventBuffer _buffer = new();
    private readonly ScriptedUplink _uplink = new();
    private readonly GatewayMetrics _metrics = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_000_000));

    /// <param name="retry">The backoff after a failure; an hour stands for "longer than any test", so only a wake-up ends it.</param>
    private void Start(int batchSize = 256, int window = 4, TimeSpan? retry = null)
    {
        var backoff = retry ?? TimeSpan.FromMilliseconds(1);
        var options = new ForwarderOptions { BatchSize = batchSize, Window = window, RetryMin = backoff, RetryMax = backoff * 4 };
        var events = new GatewayEventEmitter(_buffer, new GatewayIdentity("gw-1", 2), _time);
        var forwarder = new Forwarder(_buffer, _uplink, options, _metrics, NullLogger<Forwarder>.Instance, events, _time);
        _run = forwarder.RunAsync(_stop.Token);
    }

    private async Task AppendAsync(string dev, long seq, string type) =>
        await _buffer.AppendAsync(Envelopes.Parsed(dev, seq, type), Envelopes.Raw(dev, seq, type), null, CancellationToken.None);

    [Fact]
    public async Task An_event_leaves_the_buffer_only_after_the_uplink_acked_it()
    {
        await AppendAsync("pb-1", 1, "panic");
        Start();
        var send = await _uplink.NextAsync();
        Assert.Equal(["pb-1:1:1"], send.Ids);
        Assert.Equal(1, _buffer.Count);
        Assert.Empty(_buffer.Deletes);

        send.Ack();
        await Eventually.TrueAsync(() => _buffer.Count == 0, TimeSpan.FromSeconds(5), "the acked event deleted");
        Assert.Equal(1, _metrics.ForwardedTotal);
    }

    [Fact]
    public async Task A_failed_batch_stays_buffered_and_is_sent_again_from_the_head_after_the_cursor_rewinds()
    {
        for (var s = 1; s <= 3; s++) await AppendAsync("cb-1", s, "checkin");
        Start();
        var first = await _uplink.NextAsync();
        first.Fail();
        var retry = await _uplink.NextAsync();
        Assert.Equal(first.Ids, retry.Ids);
        Assert.Empty(_buffer.Deletes);
        Assert.Equal(3, _buffer.Count);
        Assert.Equal(1, _metrics.UplinkFailureTotal);

        retry.Ack();
        await Eventually.TrueAsync(() => _buffer.Snapshot().All(e => e.Type != "checkin"), TimeSpan.FromSeconds(5),
            "the batch deleted after the retry's ack");
    }

    [Fact]
    public async Task A_P0_goes_first_and_alone_ahead_of_an_older_backlog()
    {
        for (var s = 1; s <= 10; s++) await AppendAsync("cb-1", s, "checkin");
        await AppendAsync("hb-1", 1, "heartbeat");
        await AppendAsync("pb-1", 1, "panic");
        Start();
        var first = await _uplink.NextAsync();
        Assert.Equal(["pb-1:1:1"], first.Ids);
        Assert.All(first.Batch, m => Assert.Equal(PriorityClass.P0, m.Priority));
    }

    [Fact]
    public async Task A_P0_committed_while_the_window_is_full_is_dispatched_at_once()
    {
        await AppendAsync("cb-1", 1, "checkin");
        Start(window: 1);
        var backlog = await _uplink.NextAsync();

        await AppendAsync("pb-1", 1, "panic");
        var urgent = await _uplink.NextAsync();
        Assert.Equal(["pb-1:1:1"], urgent.Ids);
        Assert.False(backlog.Outcome.Task.IsCompleted, "the P0 went out while the backlog batch was still unacked");
        urgent.Ack();
        backlog.Ack();
        await Eventually.TrueAsync(() => _buffer.Count == 0, TimeSpan.FromSeconds(5), "both deleted");
    }

    [Fact]
    public async Task Once_the_link_proved_itself_no_more_than_the_window_of_batches_is_in_flight()
    {
        for (var s = 1; s <= 8; s++) await AppendAsync("cb-1", s, "checkin");
        Start(batchSize: 1, window: 3);
        (await _uplink.NextAsync()).Ack(); // slow start: one batch until the first success

        var flying = new List<ScriptedUplink.PendingSend>();
        for (var i = 0; i < 3; i++) flying.Add(await _uplink.NextAsync());
        await AppendAsync("cb-2", 1, "checkin"); // a commit wakes the forwarder: it still may not exceed the window
        Assert.False(_uplink.TryTakeNext(out _), "a fourth batch was sent with three unacked");
        Assert.Equal(3, _uplink.InFlight);

        flying[0].Ack();
        var next = await _uplink.NextAsync();
        Assert.Equal(["cb-1:1:5"], next.Ids);
        Assert.True(_uplink.MaxInFlight <= 3, $"{_uplink.MaxInFlight} batches were in flight at once with a window of 3");
    }

    [Fact]
    public async Task Events_of_one_device_and_class_are_handed_over_in_seq_order()
    {
        for (var s = 1; s <= 7; s++) await AppendAsync("cb-1", s, "checkin");
        Start(batchSize: 2, window: 4);
        var sent = new List<string>();
        while (sent.Count < 7)
        {
            var send = await _uplink.NextAsync();
            sent.AddRange(send.Ids);
            send.Ack();
        }
        Assert.Equal(Enumerable.Range(1, 7).Select(s => $"cb-1:1:{s}"), sent);
    }

    [Fact]
    public async Task On_shutdown_a_batch_the_hub_already_acked_is_still_deleted()
    {
        await AppendAsync("pb-1", 1, "panic");
        Start();
        var send = await _uplink.NextAsync();
        await _stop.CancelAsync();
        Assert.False(_run!.IsCompleted, "the forwarder returned while a batch was in flight");
        send.Ack();
        await Eventually.WithinAsync(_run.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(5), "the forwarder to stop");
        Assert.Equal(0, _buffer.Count);
    }

    [Fact]
    public async Task A_failure_during_shutdown_keeps_the_event_for_the_next_start()
    {
        await AppendAsync("pb-1", 1, "panic");
        Start();
        var send = await _uplink.NextAsync();
        await _stop.CancelAsync();
        send.Fail("connection closed by shutdown");
        await Eventually.WithinAsync(_run!.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(5), "the forwarder to stop");
        Assert.Equal(1, _buffer.Count);
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
