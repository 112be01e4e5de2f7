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
    public enum Variant { Alone, PatrolPlan, ConsoleLiveClient, CheckinsAlone, CheckinsPatrolPlan }

    /// <returns>Events/s acked, and the gateway's resident memory (MB) right after the load.</returns>
    public static async Task<(double Rate, double RssMb)> RunAsync(Variant variant)
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
            if (variant == Variant.ConsoleLiveClient)
            {
                var operators = new OperatorStore(dir);
                operators.Add("bench", OperatorRole.Operator, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));
                token = operators.IssueToken("bench");
                args.Add($"--Console:Url=http://127.0.0.1:{consolePort}");
            }
            else
            {
                args.Add("--Console:Enabled=false");
            }
            using var gateway = ChildProcess.Gateway(dir, ChildProcess.FreePort(), [.. args]);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var stopLive = new CancellationTokenSource();
            var live = token is null ? Task.CompletedTask : await OpenLiveStreamAsync(gateway, http, consolePort, token, stopLive.Token);
            var checkins = variant is Variant.CheckinsAlone or Variant.CheckinsPatrolPlan;
            var rate = (await Mqtt.FloodAsync(gateway.Port, Scenarios.Devices, Scenarios.Inflight, BenchScale.Warmup, BenchScale.Duration, "bes",
                message: checkins ? Checkin : null)).Acked;
            var rss = gateway.RssMb();
            await stopLive.CancelAsync();
            try { await live; }
            catch (OperationCanceledException) { /* the live client hung up */ }
            return (rate, rss);
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
