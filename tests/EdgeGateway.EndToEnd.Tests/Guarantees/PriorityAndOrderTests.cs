using System.Text;
using System.Text.Json;
using EdgeGateway.Core.Buffer;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.EndToEnd.Tests.Guarantees;

/// <summary>
/// G4 and G5 and the uplink outage: a backlog piles up while the upstream Mosquitto is down, drains when it
/// comes up, and a panic that arrives mid-drain overtakes everything but the batches already in flight.
/// </summary>
public sealed class PriorityAndOrderTests
{
    private const int Window = 2, BatchSize = 50, Devices = 10, PerDevice = 250;

    [Fact]
    public async Task A_panic_received_during_a_backlog_drain_goes_up_before_the_rest_of_the_backlog_and_each_device_keeps_its_order()
    {
        var upstreamPort = FreePort.Next();
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstreamPort}",
            "--Uplink:Mqtt:AckTimeout=00:00:20", "--Forwarder:RetryMin=00:00:00.050", "--Forwarder:RetryMax=00:00:00.200",
            $"--Forwarder:Window={Window}", $"--Forwarder:BatchSize={BatchSize}", "--Logging:LogLevel:Default=Warning");
        var buffer = gateway.Services.GetRequiredService<IEventBuffer>();

        // Outage: the upstream is not there; the backlog piles up, all of it acked.
        var devices = Enumerable.Range(1, Devices).Select(i => new RetryingDevice($"bl-{i}", gateway.Port)).ToArray();
        await Task.WhenAll(devices.Select(d => Task.Run(async () =>
        {
            for (var n = 0; n < PerDevice; n++) await d.SendAsync("test", CancellationToken.None);
        })));
        Assert.Equal(Devices * PerDevice, buffer.Count);
        Assert.True(gateway.Metrics.UplinkFailureTotal > 0);

        // The uplink returns (the relay to the upstream starts); as soon as the drain is visibly under way, stall it so the drain is mid-way for sure.
        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        await using var relay = await TcpRelay.StartAsync(upstreamPort, upstream.Port);
        await subscriber.WaitForAsync((_, _) => true, TimeSpan.FromSeconds(20));
        upstream.Pause();
        await using var panicButton = new RetryingDevice("pb-urgent", gateway.Port);
        var panicId = await panicButton.SendAsync("panic", CancellationToken.None);
        var backlogLeft = buffer.Count - 1; // still buffered, in flight or not, when the panic was committed
        upstream.Resume();

        await subscriber.WaitForAsync((_, p) => Encoding.UTF8.GetString(p).Contains(panicId, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => buffer.Count == 0, TimeSpan.FromSeconds(30), "the backlog to drain");
        // The gateway deletes an event once the upstream broker acked it; the broker passes it to the subscriber after
        // that, so on a busy machine the last few may still be on their way.
        await Eventually.TrueAsync(() => subscriber.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement)
                .Where(e => e.GetProperty("type").GetString() == "test").Select(e => e.GetProperty("id").GetString()).Distinct().Count() == Devices * PerDevice,
            TimeSpan.FromSeconds(30), "every backlog event at the subscriber");
        var arrivals = subscriber.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        var panicAt = arrivals.FindIndex(e => e.GetProperty("id").GetString() == panicId);
        var backlogAfterPanic = arrivals.Skip(panicAt + 1).Count(e => e.GetProperty("type").GetString() == "test");

        // Only batches already in flight (plus those whose delete was being committed) may precede it.
        Assert.True(backlogLeft > 4 * Window * BatchSize, $"the drain was nearly over ({backlogLeft} left); the test proved nothing");
        Assert.True(backlogAfterPanic >= backlogLeft - (2 * Window * BatchSize),
            $"{backlogLeft} backlog events were buffered at the panic, but only {backlogAfterPanic} went up after it");

        // G5: per device (all one class here), first arrivals are in the device's seq order; none missing.
        foreach (var group in arrivals.Where(e => e.GetProperty("type").GetString() == "test").GroupBy(e => e.GetProperty("dev").GetString()))
        {
            var seqs = group.Select(e => e.GetProperty("evt").GetProperty("seq").GetInt64()).Distinct().ToList();
            var broken = Enumerable.Range(0, PerDevice).FirstOrDefault(i => i >= seqs.Count || seqs[i] != i + 1, -1);
            Assert.True(broken < 0 && seqs.Count == PerDevice,
                $"{group.Key}: {seqs.Count} distinct seqs; first arrivals around position {broken}: {string.Join(",", seqs.Skip(Math.Max(0, broken - 10)).Take(20))}");
        }
        foreach (var d in devices) await d.DisposeAsync();
    }
}
