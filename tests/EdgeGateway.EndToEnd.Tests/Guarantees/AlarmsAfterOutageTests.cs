using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EdgeGateway.Core.Buffer;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.EndToEnd.Tests.Guarantees;

/// <summary>
/// G4 after an outage: the forwarder's backoff is set to ten minutes, so anything that arrives within seconds of the
/// upstream's return got there because the link's return or the panic itself ended the wait, not the timer.
/// </summary>
public sealed class AlarmsAfterOutageTests
{
    private const int Backlog = 300, Window = 2, BatchSize = 20;

    [Fact]
    public async Task After_an_outage_a_panic_goes_up_at_once_ahead_of_the_backlog_and_the_backlog_follows_without_waiting_out_the_backoff()
    {
        await using var upstream = await MosquittoProcess.StartAsync();
        var port = upstream.Port;
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={port}",
            "--Forwarder:RetryMin=00:10:00", "--Forwarder:RetryMax=00:10:00", $"--Forwarder:Window={Window}",
            $"--Forwarder:BatchSize={BatchSize}", "--Logging:LogLevel:Default=Warning");
        var buffer = gateway.Services.GetRequiredService<IEventBuffer>();

        // The hub goes away; the backlog piles up and the first failed send starts a ten-minute backoff.
        await upstream.KillAsync();
        await using var beacon = new RetryingDevice("cb-outage", gateway.Port);
        for (var i = 0; i < Backlog; i++) await beacon.SendAsync("checkin", CancellationToken.None);
        await Eventually.TrueAsync(() => gateway.Metrics.UplinkFailureTotal > 0, TimeSpan.FromSeconds(30), "the forwarder to fail and back off");

        // The hub comes back on the same port; a resident presses right away.
        await using var back = await MosquittoProcess.StartAsync(port: port);
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(back.Host, back.Port, "edge/#");
        await using var button = new RetryingDevice("pb-outage", gateway.Port);
        var pressed = Stopwatch.StartNew();
        var panicId = await button.SendAsync("panic", CancellationToken.None);
        var backlogAtPress = buffer.Count - 1;

        await subscriber.WaitForAsync((_, p) => Encoding.UTF8.GetString(p).Contains(panicId, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var panicLatency = pressed.Elapsed;
        await Eventually.TrueAsync(() => buffer.Count == 0, TimeSpan.FromSeconds(60), "the backlog to drain");
        // Deleted once the broker acked (and no longer counted from then on); the broker hands each to the subscriber
        // after that, uplink_restored (committed behind the backlog) last.
        await Eventually.TrueAsync(() => subscriber.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement)
                .Where(e => e.GetProperty("type").GetString() == "checkin").Select(e => e.GetProperty("id").GetString()).Distinct().Count() >= Backlog,
            TimeSpan.FromSeconds(30), "the backlog at the subscriber");
        await Eventually.TrueAsync(() => subscriber.Messages.Any(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("type").GetString() == "uplink_restored"),
            TimeSpan.FromSeconds(30), "uplink_restored at the subscriber");

        var arrivals = subscriber.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        var panicAt = arrivals.FindIndex(e => e.GetProperty("id").GetString() == panicId);
        var backlogAfterPanic = arrivals.Skip(panicAt + 1).Count(e => e.GetProperty("type").GetString() == "checkin");
        Assert.True(panicLatency < TimeSpan.FromSeconds(30), $"the panic took {panicLatency.TotalSeconds:0.0} s");
        // Only batches already handed to the link when the panic was committed may precede it.
        Assert.True(backlogAfterPanic >= backlogAtPress - (2 * Window * BatchSize),
            $"{backlogAtPress} backlog events were buffered at the press, only {backlogAfterPanic} went up after the panic");
        var delivered = arrivals.Where(e => e.GetProperty("type").GetString() == "checkin")
            .Select(e => e.GetProperty("evt").GetProperty("seq").GetInt64()).Distinct().Count();
        Assert.Equal(Backlog, delivered);
        Assert.Contains(arrivals, e => e.GetProperty("type").GetString() == "uplink_restored");
    }
}
