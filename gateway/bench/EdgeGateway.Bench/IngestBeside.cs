using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using EdgeGateway.Core.Operators;
using MQTTnet;

namespace EdgeGateway.Bench;

/// <summary>
/// Scenario 8: does the patrol module or the ward console slow durable ingest? Scenario 1's load against a gateway
/// alone, with a patrol plan whose rounds are open all day (<see cref="PatrolNight.Plan"/>), and with the console
/// serving a logged-in client on the live alarm stream. Then the patrol module's worst case: every event a check-in
/// (each with a new card UID, so the debounce keeps none back and each reaches the round matcher), with and without
/// the plan.
/// </summary>
internal static class IngestBeside
{
    public enum Variant { Alone, PatrolPlan, ConsoleLiveClient, ConsoleWithoutHistory, CheckinsAlone, CheckinsPatrolPlan }

    /// <summary>What one variant measured.</summary>
    /// <param name="Rate">Events/s acked.</param>
    /// <param name="RssMb">The gateway's resident memory right after the load.</param>
    /// <param name="DirtyMb">The dirty part of that (<see cref="ChildProcess.DirtyMb"/>): what the kernel cannot drop.</param>
    /// <param name="CpuUsPerEvent">The gateway's CPU time (user + system) over the measured window per event acked: unlike
    /// the rate, it hardly depends on how busy other processes keep the cores.</param>
    /// <param name="JournalDropped">With the console: events the history journal dropped (its queue full), from its
    /// <c>/metrics</c>; null without the console.</param>
    public readonly record struct Result(double Rate, double RssMb, double DirtyMb, double CpuUsPerEvent, long? JournalDropped);

    /// <param name="build">The gateway as launched: the published NativeAOT release when the bench was given one (as the
    /// Pi runs it), else the framework-dependent JIT build.</param>
    public static async Task<Result> RunAsync(Variant variant, GatewayBuild build)
    {
        var dir = Paths.Temp("beside");
        try
        {
            var args = new List<string> { "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={ChildProcess.FreePort()}" };
            // "Alone" is the gateway without the patrol module and without the console.
            if (variant is Variant.PatrolPlan or Variant.CheckinsPatrolPlan) await File.WriteAllTextAsync(Path.Combine(dir, "patrols.json"), PatrolNight.Plan(alwaysOpen: true));
            else args.Add("--Patrols:Enabled=false");
            var consolePort = ChildProcess.FreePort();
            string? token = null;
            if (variant is Variant.ConsoleLiveClient or Variant.ConsoleWithoutHistory)
            {
                // Without the history journal: what the console costs apart from journaling every event.
                if (variant == Variant.ConsoleWithoutHistory) args.Add("--Console:History:Enabled=false");
                var operators = new OperatorStore(dir);
                operators.Add("bench", OperatorRole.Operator, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));
                token = operators.IssueToken("bench");
                args.Add($"--Console:Url=http://127.0.0.1:{consolePort}");
            }
            else
            {
                args.Add("--Console:Enabled=false");
            }
            using var gateway = ChildProcess.Gateway(build, dir, ChildProcess.FreePort(), [.. args]);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var stopLive = new CancellationTokenSource();
            var live = token is null ? Task.CompletedTask : await OpenLiveStreamAsync(gateway, http, consolePort, token, stopLive.Token);
            var checkins = variant is Variant.CheckinsAlone or Variant.CheckinsPatrolPlan;
            // FloodAsync samples its "delivered" counter at the start and end of the measured window: here the gateway's CPU µs.
            var (rate, cpuUsPerS) = await Mqtt.FloodAsync(gateway.Port, Scenarios.Devices, Scenarios.Inflight, BenchScale.Warmup, BenchScale.Duration, "bes",
                delivered: () => (long)(gateway.CpuMs() * 1000), message: checkins ? Checkin : null);
            var (rss, dirty) = (gateway.RssMb(), gateway.DirtyMb());
            long? dropped = token is null ? null : await JournalDroppedAsync(http, consolePort);
            await stopLive.CancelAsync();
            try { await live; }
            catch (OperationCanceledException) { /* the live client hung up */ }
            return new Result(rate, rss, dirty, rate > 0 ? cpuUsPerS / rate : double.NaN, dropped);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static MqttApplicationMessage Checkin(string dev, long seq) =>
        Mqtt.Event(dev, seq, "checkin", $"{{\"uid\":\"{Uid(dev, seq)}\",\"checkpoint\":\"cp-{(seq % 200) + 1:D4}\"}}");

    private static string Uid(string dev, long seq) =>
        (int.Parse(dev[(dev.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture) * 10_000_000L + seq).ToString("X10", CultureInfo.InvariantCulture);

    /// <summary>The console's <c>edgegw_journal_dropped_total</c> (0 while nothing was dropped: the series appears with the first drop).</summary>
    private static async Task<long> JournalDroppedAsync(HttpClient http, int port)
    {
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("edgegw_journal_dropped_total ", StringComparison.Ordinal));
        return line is null ? 0 : (long)double.Parse(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Connects the console's live alarm stream (as the alarm board does) and keeps reading it in the background.</summary>
    private static async Task<Task> OpenLiveStreamAsync(ChildProcess gateway, HttpClient http, int port, string token, CancellationToken stop)
    {
        gateway.WaitListening(TimeSpan.FromSeconds(30), port); // the console starts beside the broker the child process waited for
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/v1/alarms/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the console's live stream answered {(int)response.StatusCode}");
        var stream = await response.Content.ReadAsStreamAsync(stop);
        return Task.Run(async () =>
        {
            using (response)
            {
                var buffer = new byte[4096];
                while (await stream.ReadAsync(buffer, stop) > 0) { }
            }
        }, stop);
    }
}
