using System.Diagnostics;
using System.Text.Json;
using EdgeGateway.Core.Buffer;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdgeGateway.EndToEnd.Tests.Guarantees;

/// <summary>
/// G2, G3 and G5 across many outages in a row: the real upstream Mosquitto is stopped and started 100 times while
/// devices publish. Each flap interrupts a live link (the next stop waits until the gateway has delivered through the
/// new incarnation). Mosquitto keeps the subscriber's session on disk across its restarts, so what the gateway
/// delivered before a stop still reaches the subscriber.
/// </summary>
public sealed class UplinkFlapTests(ITestOutputHelper output)
{
    private const int Flaps = 100, Devices = 4;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_hundred_upstream_restarts_lose_no_acked_event_and_keep_each_devices_order_per_class()
    {
        using var persistence = new TempDir("mosquitto-flaps");
        var port = FreePort.Next();
        var config = MosquittoProcess.PersistenceConfig(persistence.Path);
        var upstream = await MosquittoProcess.StartAsync(config, port);
        await using var subscriber = await PersistentSubscriber.ConnectAsync(upstream.Host, port, "edge/#");
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={port}",
            "--Uplink:Mqtt:AckTimeout=00:00:03", "--Logging:LogLevel:Default=Warning");
        var buffer = gateway.Services.GetRequiredService<IEventBuffer>();

        using var stopPublishing = new CancellationTokenSource();
        var devices = Enumerable.Range(1, Devices).Select(i => new RetryingDevice($"fl-{i}", gateway.Port)).ToArray();
        var publishing = devices.Select(d => Task.Run(() => PublishUntilStoppedAsync(d, stopPublishing.Token))).ToArray();
        var panicIds = new List<string>();
        var clock = Stopwatch.StartNew();
        var flapTime = TimeSpan.Zero;
        try
        {
            for (var flap = 1; flap <= Flaps; flap++)
            {
                var forwarded = gateway.Metrics.ForwardedTotal;
                await Eventually.TrueAsync(() => gateway.Metrics.ForwardedTotal > forwarded, TimeSpan.FromSeconds(30),
                    $"the gateway to deliver through the upstream's incarnation {flap}");
                await upstream.StopAsync();
                await upstream.DisposeAsync();
                // The outage: a deliberate, varied length while devices go on publishing (and every tenth a resident presses).
                if (flap % 10 == 0)
                {
                    await using var button = new RetryingDevice($"pb-flap-{flap}", gateway.Port);
                    panicIds.Add(await button.SendAsync("panic", CancellationToken.None));
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(400)));
                upstream = await MosquittoProcess.StartAsync(config, port);
            }
            flapTime = clock.Elapsed;
            Assert.True(flapTime < Budget, $"{Flaps} flaps took {flapTime.TotalSeconds:0} s");
        }
        finally
        {
            await stopPublishing.CancelAsync();
            await Task.WhenAll(publishing);
        }

        var acked = devices.SelectMany(d => d.Acked).Concat(panicIds).ToHashSet();
        var missing = new HashSet<string>(acked);
        var read = 0;
        await Eventually.TrueAsync(() =>
        {
            var messages = subscriber.Messages;
            for (; read < messages.Count; read++) missing.Remove(JsonDocument.Parse(messages[read]).RootElement.GetProperty("id").GetString()!);
            return buffer.Count == 0 && missing.Count == 0;
        }, TimeSpan.FromSeconds(60), "every acked event upstream and the buffer empty");
        output.WriteLine($"{Flaps} flaps in {flapTime.TotalSeconds:0} s: {acked.Count} events acked, {subscriber.Messages.Count} messages upstream "
            + $"(redeliveries included), subscriber sessions {subscriber.Connects}, uplink failures {gateway.Metrics.UplinkFailureTotal}");
        await upstream.DisposeAsync();

        Assert.True(acked.Count > Flaps * Devices, $"only {acked.Count} events were acked during the flaps; the test proved little");
        var arrivals = subscriber.Messages.Select(p => JsonDocument.Parse(p).RootElement).Where(e => e.GetProperty("dev").GetString()!.StartsWith("fl-", StringComparison.Ordinal));
        foreach (var stream in arrivals.GroupBy(e => (Dev: e.GetProperty("dev").GetString(), Type: e.GetProperty("type").GetString())))
        {
            var firstArrivals = stream.Select(e => e.GetProperty("evt").GetProperty("seq").GetInt64()).Distinct().ToList();
            var broken = Enumerable.Range(1, Math.Max(0, firstArrivals.Count - 1)).FirstOrDefault(i => firstArrivals[i] < firstArrivals[i - 1]);
            Assert.True(broken == 0, $"{stream.Key.Dev} {stream.Key.Type}: first arrivals out of order at position {broken}: "
                + string.Join(",", firstArrivals.Skip(Math.Max(0, broken - 10)).Take(20)));
        }
    }

    /// <summary>A device sending test events (P2) with a tamper (P1) every fifth, at a steady pace, until told to stop.</summary>
    private static async Task PublishUntilStoppedAsync(RetryingDevice device, CancellationToken stop)
    {
        try
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                await device.SendAsync(n % 5 == 0 ? "tamper" : "test", stop);
                await Task.Delay(20, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped between two events, or during a retry of an event that was then never acked (so not counted)
        }
        finally
        {
            await device.DisposeAsync();
        }
    }
}
