using System.Diagnostics;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdgeGateway.EndToEnd.Tests.IoTHub;

/// <summary>
/// Bench scenario 14 in small: residents pressing panic after panic (debounce off, so every press is stored and sent)
/// into a hub that acks only 20 messages a second, far below the gateway's S1 rate. The gateway keeps at most
/// <c>MaxInflight</c> messages unacked at the hub and (with <c>PackWaitingAlarms</c>, as a site whose cloud takes arrays
/// for P0 sets it) packs the alarms that wait, so no message outlives its ack timeout and the one connection is never reset.
/// </summary>
public sealed class ThrottledHubTests(ITestOutputHelper output)
{
    private const int Residents = 20, PressesEach = 25;

    [Fact]
    public async Task Panics_pressed_faster_than_the_hub_acks_all_arrive_once_over_one_connection_without_a_warning()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        hub.Throttle(20);
        await using var gateway = await InProcessGateway.StartAsync(
            "--Uplink:Kind=iothub", "--Gateway:Id=gw-thr",
            $"--Uplink:IoTHub:ConnectionString={hub.RegisterDevice("gw-thr")}",
            "--Uplink:IoTHub:Host=127.0.0.1", $"--Uplink:IoTHub:Port={hub.Port}", $"--Uplink:IoTHub:CaCertificatePath={hub.CaCertificatePath}",
            "--Uplink:IoTHub:AckTimeout=00:00:05", "--Uplink:IoTHub:PackWaitingAlarms=true", "--Debounce:PanicWindow=00:00:00", "--Logging:LogLevel:Default=Warning");
        await Eventually.TrueAsync(() => hub.IsConnectedAsync("gw-thr"), TimeSpan.FromSeconds(15), "the gateway's first connection");

        var started = Stopwatch.StartNew();
        var pressed = await Task.WhenAll(Enumerable.Range(0, Residents).Select(async r =>
        {
            await using var button = new RetryingDevice($"pb-thr-{r}", gateway.Port);
            var ids = new List<string>();
            for (var i = 0; i < PressesEach; i++) ids.Add(await button.SendAsync("panic", CancellationToken.None));
            return ids;
        }));
        var ids = pressed.SelectMany(p => p).ToHashSet();
        await Eventually.TrueAsync(() => ids.IsSubsetOf(hub.Telemetry.SelectMany(t => t.EventIds)), TimeSpan.FromSeconds(60), "every panic at the hub");
        var allThere = started.Elapsed;

        var atHub = hub.Telemetry.SelectMany(t => t.EventIds).Where(ids.Contains).ToList();
        // The way up: the uplink, its resilience layer and the forwarder. (Each resident's first panic raises a local alarm,
        // a warning by design, and the test broker runs without device authentication: those are not the hub's doing.)
        var warnings = gateway.Logs.Entries
            .Where(e => e.Level >= LogLevel.Warning && (e.Category.Contains("CloudBridge", StringComparison.Ordinal) || e.Category.Contains("Forward", StringComparison.Ordinal)))
            .Select(e => $"{e.Category}: {e.Message}").ToList();
        var allWarnings = gateway.Logs.Entries.Count(e => e.Level >= LogLevel.Warning);
        output.WriteLine($"{ids.Count} panics at the hub after {allThere.TotalSeconds:0.0} s in {hub.Telemetry.Count} messages; "
            + $"{hub.Connects} connection(s), {warnings.Count} warnings on the way up ({allWarnings} in all)");
        Assert.Equal(1, hub.Connects);
        Assert.Empty(warnings);
        Assert.DoesNotContain("PUBACK", gateway.Logs.AllText, StringComparison.Ordinal);
        Assert.Equal(ids.Count, atHub.Count); // each once: nothing in flight was lost to a reset and sent again
        var carrying = hub.Telemetry.Count(t => t.EventIds.Any(ids.Contains));
        Assert.True(carrying < ids.Count / 4, $"{carrying} messages carried {ids.Count} panics"); // packed, many to a message
        Assert.Empty(hub.Violations);
    }
}
