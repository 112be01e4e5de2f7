using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using Xunit.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>
/// A throttled hub and a thousand alarms: every panic is its own batch (as the forwarder sends them), all in flight at
/// once, queued behind the send rate far longer than the ack timeout. Timeouts count only from each message's write,
/// and the one link reconnects once per loss, so the queue causes no resets and no burst of reconnects.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class IoTHubThrottleTests(ITestOutputHelper output)
{
    private const int Panics = 1000, HubRate = 200, GatewayRate = 180, Kicks = 2;

    [Fact]
    public async Task A_thousand_panics_under_the_hubs_throttle_all_arrive_over_one_connection_per_loss_without_a_burst_of_reconnects()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        hub.Throttle(HubRate);
        var reconnectMin = TimeSpan.FromMilliseconds(400);
        await using var up = new UplinkUnderTest(hub, "gw-th", o =>
        {
            o.SendRatePerSecond = GatewayRate;
            // The queue below is about 5.5 s long, nearly twice the ack timeout; the limiter may burst one second's worth, which
            // the hub takes 0.9 s to ack, and a loaded CI machine needs the rest of the margin.
            o.AckTimeout = TimeSpan.FromSeconds(3);
        }, r =>
        {
            r.Attempts = 5;
            r.ReconnectMin = reconnectMin;
            r.ReconnectMax = TimeSpan.FromSeconds(5);
            r.UrgentReconnectGap = reconnectMin;
        });
        await Eventually.TrueAsync(() => hub.IsConnectedAsync("gw-th").GetAwaiter().GetResult(), TimeSpan.FromSeconds(15), "the first connect");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var panics = Enumerable.Range(1, Panics).Select(i => Messages.Panic($"pb-{i % 20}", i)).ToArray();
        var sends = panics.Select(p => up.Uplink.SendAsync([p], CancellationToken.None)).ToArray();
        // The hub drops the link twice mid-drain (maintenance, a throttling breach): each loss costs one reconnect.
        for (var k = 1; k <= Kicks; k++)
        {
            var at = k * Panics / (Kicks + 1);
            await Eventually.TrueAsync(() => hub.Telemetry.Count >= at, TimeSpan.FromSeconds(30), $"{at} panics at the hub");
            await hub.KickAsync("gw-th");
        }
        await Eventually.WithinAsync(Task.WhenAll(sends).ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(60), "every send to complete");

        output.WriteLine($"{Panics} panics acked in {started.Elapsed.TotalSeconds:0.0} s; {hub.Connects} connections, {hub.Takeovers} takeovers, "
            + $"{hub.Telemetry.Count} messages at the hub, {up.Warnings} warnings");
        Assert.All(sends, s => Assert.True(s.IsCompletedSuccessfully, s.Exception?.Message));
        var arrived = hub.Telemetry.Select(t => t.MessageId).ToHashSet();
        Assert.All(panics, p => Assert.Contains(p.EventId, arrived));
        // Never two connections at once. (The hub may still count a takeover: it can be finishing the session it kicked,
        // stuck in its own throttle, when the gateway's next connection arrives.)
        Assert.Equal(1, hub.MaxConcurrentConnections);
        Assert.True(hub.Takeovers <= Kicks, $"{hub.Takeovers} takeovers");
        // The first connection and one per loss: no timeout of a queued send reset a connection.
        Assert.Equal(1 + Kicks, hub.Connects);
        var times = hub.ConnectTimes;
        for (var i = 1; i < times.Count; i++)
            Assert.True(times[i] - times[i - 1] >= reconnectMin / 2, $"connects {i} and {i + 1} were {(times[i] - times[i - 1]).TotalMilliseconds:0} ms apart");
        // A warning per loss (and its reconnect), not one per failed attempt of the thousand.
        Assert.True(up.Warnings <= 4 * Kicks, $"{up.Warnings} warnings:\n{string.Join('\n', up.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message))}");
    }
}
