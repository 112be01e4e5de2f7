using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>
/// A throttled hub and a thousand alarms, every panic its own batch (as the forwarder sends them). The uplink sends
/// faster than the hub acks, so without a cap unacked messages would pile up at the hub until the oldest passed its ack
/// timeout and the link was reset. With <see cref="CloudBridge.IoTHub.IoTHubOptions.MaxInflight"/> the queue waits in the
/// gateway, where no ack timeout runs: one panic per message by default, paced by the hub, or, with
/// <c>PackWaitingAlarms</c>, the alarms that wait there go up packed, many to a message.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class IoTHubThrottleTests(ITestOutputHelper output)
{
    private const int Panics = 1000, Residents = 20;

    private static int AtHub(IoTHubEmulator hub) => hub.Telemetry.Sum(t => t.EventIds.Count);

    [Theory]
    [InlineData(1000, true)]
    [InlineData(100, false)]
    public async Task Panics_into_a_hub_that_acks_20_a_second_arrive_once_each_over_one_connection_without_an_ack_timeout(int count, bool pack)
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        hub.Throttle(20);
        // The gateway at its S1 rate (100/s), five times what this hub acks: with no cap the oldest unacked message would
        // pass this ack timeout after about 1.3 s and the link would be reset.
        await using var up = new UplinkUnderTest(hub, "gw-20", o =>
        {
            o.AckTimeout = TimeSpan.FromSeconds(5);
            o.PackWaitingAlarms = pack;
        });
        await Eventually.TrueAsync(() => hub.IsConnectedAsync("gw-20").GetAwaiter().GetResult(), TimeSpan.FromSeconds(15), "the first connect");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var panics = new List<Contracts.Uplink.UplinkMessage>();
        var sends = new List<Task>();
        // 20 residents pressing count / 20 times each, a round of presses every 10 ms (the offered load's shape, not a wait for anything).
        for (var round = 1; round <= count / Residents; round++)
        {
            for (var r = 0; r < Residents; r++)
            {
                var panic = Messages.Panic($"pb-{r}", round);
                panics.Add(panic);
                sends.Add(up.Uplink.SendAsync([panic], CancellationToken.None));
            }
            await Task.Delay(10);
        }
        await Eventually.WithinAsync(Task.WhenAll(sends).ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(60), "every send to complete");
        var allThere = started.Elapsed;

        output.WriteLine($"{count} panics acked in {allThere.TotalSeconds:0.0} s in {hub.Telemetry.Count} messages; {hub.Connects} connections, {up.Warnings} warnings");
        Assert.All(sends, s => Assert.True(s.IsCompletedSuccessfully, s.Exception?.Message));
        // Each panic exactly once: nothing was sent again, so no connection was reset under a message.
        Assert.Equal(panics.Select(p => p.EventId).Order(), hub.Telemetry.SelectMany(t => t.EventIds).Order());
        Assert.Equal(1, hub.Connects);
        Assert.Equal(0, up.Warnings);
        Assert.DoesNotContain("PUBACK", up.Logs.AllText, StringComparison.Ordinal);
        if (pack) Assert.True(hub.Telemetry.Count < count / 4, $"{hub.Telemetry.Count} messages for {count} panics"); // packed, many to a message
        else Assert.All(hub.Telemetry, t => Assert.Single(t.EventIds)); // the default: each panic alone (SPEC.md), paced by the hub
        Assert.Empty(hub.Violations);
    }

    [Fact]
    public async Task A_thousand_panics_under_the_hubs_throttle_all_arrive_over_one_connection_per_loss_without_a_burst_of_reconnects()
    {
        const int kicks = 2;
        await using var hub = await IoTHubEmulator.StartAsync();
        hub.Throttle(20);
        var reconnectMin = TimeSpan.FromMilliseconds(400);
        await using var up = new UplinkUnderTest(hub, "gw-th", o =>
        {
            // Packed into small messages (about 20 panics each), so the drain takes some seconds and the hub can drop the link mid-drain.
            o.PackWaitingAlarms = true;
            o.MaxMessageBytes = 4096;
            o.AckTimeout = TimeSpan.FromSeconds(5);
        }, r =>
        {
            r.Attempts = 5;
            r.ReconnectMin = reconnectMin;
            r.ReconnectMax = TimeSpan.FromSeconds(5);
            r.UrgentReconnectGap = reconnectMin;
        });
        await Eventually.TrueAsync(() => hub.IsConnectedAsync("gw-th").GetAwaiter().GetResult(), TimeSpan.FromSeconds(15), "the first connect");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var panics = Enumerable.Range(1, Panics).Select(i => Messages.Panic($"pb-{i % Residents}", i)).ToArray();
        var sends = panics.Select(p => up.Uplink.SendAsync([p], CancellationToken.None)).ToArray();
        // The hub drops the link twice mid-drain (maintenance, a throttling breach): each loss costs one reconnect.
        for (var k = 1; k <= kicks; k++)
        {
            var at = k * Panics / (kicks + 1);
            await Eventually.TrueAsync(() => AtHub(hub) >= at, TimeSpan.FromSeconds(30), $"{at} panics at the hub");
            await hub.KickAsync("gw-th");
        }
        await Eventually.WithinAsync(Task.WhenAll(sends).ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(60), "every send to complete");

        output.WriteLine($"{Panics} panics acked in {started.Elapsed.TotalSeconds:0.0} s; {hub.Connects} connections, {hub.Takeovers} takeovers, "
            + $"{hub.Telemetry.Count} messages at the hub, {up.Warnings} warnings");
        Assert.All(sends, s => Assert.True(s.IsCompletedSuccessfully, s.Exception?.Message));
        var arrived = hub.Telemetry.SelectMany(t => t.EventIds).ToHashSet();
        Assert.All(panics, p => Assert.Contains(p.EventId, arrived));
        // Never two connections at once. (The hub may still count a takeover: it can be finishing the session it kicked,
        // stuck in its own throttle, when the gateway's next connection arrives.)
        Assert.Equal(1, hub.MaxConcurrentConnections);
        Assert.True(hub.Takeovers <= kicks, $"{hub.Takeovers} takeovers");
        // The first connection and one per loss: no timeout of a queued send reset a connection.
        Assert.Equal(1 + kicks, hub.Connects);
        var times = hub.ConnectTimes;
        for (var i = 1; i < times.Count; i++)
            Assert.True(times[i] - times[i - 1] >= reconnectMin / 2, $"connects {i} and {i + 1} were {(times[i] - times[i - 1]).TotalMilliseconds:0} ms apart");
        // A warning per loss (and its reconnect), not one per failed attempt of the thousand.
        Assert.True(up.Warnings <= 4 * kicks, $"{up.Warnings} warnings:\n{string.Join('\n', up.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message))}");
    }
}
