using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Fuzz;

/// <summary>
/// Runs seeded fuzz cases against a real gateway process (authentication on; login delays off so wrong secrets do
/// not slow the run, they are tested on their own) and against the serial provisioning session. Several workers send
/// cases at once, each from its own <see cref="Random"/> seeded from the run's seed, while a real device must get a
/// panic acked within 5 s every half second. A crash is the gateway process exiting, or a serial case failing; a hang
/// is a failed health probe, or a case the gateway does not close within 10 s after the client's FIN. The run stops at
/// the first crash or hang and saves the case's bytes under the findings directory.
/// </summary>
public static class FuzzRun
{
    public const int Workers = 4;

    private static readonly TimeSpan CaseDeadline = TimeSpan.FromSeconds(10);

    public static async Task<FuzzReport> RunAsync(int seed, long maxCases, TimeSpan maxTime, string findingsDirectory, Action<string>? progress = null)
    {
        var report = new FuzzReport { Seed = seed, Workers = Workers };
        using var dir = new TempDir("fuzz");
        var fuzzSecret = SecretHasher.NewSecret();
        var probeSecret = SecretHasher.NewSecret();
        var registry = DeviceRegistry.Open(dir.Path);
        registry.Add("pb-fuzz", "panic-button", "fuzz", null, fuzzSecret, DateTimeOffset.UtcNow);
        registry.Add("pb-other", "panic-button", "fuzz", null, SecretHasher.NewSecret(), DateTimeOffset.UtcNow);
        registry.Add("pb-probe", "panic-button", "fuzz", null, probeSecret, DateTimeOffset.UtcNow);
        await using var gateway = await GatewayProcess.StartAsync(dir.Path, "--Broker:RequireAuth=true", "--Broker:AuthFailureDelay=00:00:00",
            "--Broker:AuthFailureDelayMax=00:00:00", "--Logging:LogLevel:Default=Warning").ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        var next = -1L;
        var fuzzing = Stopwatch.StartNew(); // maxTime counts from here, not from the gateway's start

        async Task WorkAsync(int worker)
        {
            var random = new Random(HashCode.Combine(seed, worker));
            while (!stop.IsCancellationRequested && fuzzing.Elapsed < maxTime)
            {
                var caseNumber = Interlocked.Increment(ref next);
                if (caseNumber >= maxCases) return;
                var (kind, bytes, failure, crash) = await RunCaseAsync(random, gateway, fuzzSecret, caseNumber).ConfigureAwait(false);
                lock (report)
                {
                    report.Cases++;
                    report.ByKind[kind] = report.ByKind.GetValueOrDefault(kind) + 1;
                    if (failure is not null && !stop.IsCancellationRequested) Found(report, findingsDirectory, caseNumber, kind, failure, bytes, crash);
                    if (report.Cases % 10_000 == 0) progress?.Invoke(report.ToString());
                }
                if (failure is not null) await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        async Task ProbeLoopAsync()
        {
            var seq = 0;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
                {
                    if (await ProbeAsync(gateway.Port, probeSecret, ++seq).ConfigureAwait(false))
                    {
                        lock (report) report.Probes++;
                        continue;
                    }
                    lock (report) Found(report, findingsDirectory, Interlocked.Read(ref next), "probe", "a real device's panic was not acked within 5 s", [], crash: gateway.HasExited);
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        var prober = ProbeLoopAsync();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w)))).ConfigureAwait(false);
        var failedAlready = stop.IsCancellationRequested;
        await stop.CancelAsync().ConfigureAwait(false);
        await prober.ConfigureAwait(false);
        if (!failedAlready)
        {
            if (await ProbeAsync(gateway.Port, probeSecret, 1_000_000).ConfigureAwait(false)) report.Probes++;
            else Found(report, findingsDirectory, report.Cases, "end", "the final health probe failed", [], crash: gateway.HasExited);
        }
        report.GatewayErrorLines = gateway.Log.Split('\n').Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        report.Elapsed = fuzzing.Elapsed;
        return report;
    }

    private static async Task<(string Kind, byte[] Bytes, string? Failure, bool Crash)> RunCaseAsync(Random random, GatewayProcess gateway, string secret, long caseNumber)
    {
        if (random.Next(10) < 3)
        {
            var (failed, why) = SerialCases.Run(random);
            return ("serial", Encoding.UTF8.GetBytes(why), failed ? why : null, true);
        }
        var bytes = MqttCases.Next(random, secret, out var kind);
        var from = $"127.0.{2 + (caseNumber % 200)}.{1 + (caseNumber / 200 % 250)}";
        var finished = await SendAsync(gateway.Port, from, bytes).ConfigureAwait(false);
        if (gateway.HasExited) return (kind, bytes, "the gateway process exited:\n" + gateway.Log, true);
        return (kind, bytes, finished ? null : "the gateway did not close the connection within 10 s of the client's FIN", false);
    }

    /// <summary>Sends the case, half-closes, and reads until the gateway closes: true when it did within the deadline.</summary>
    private static async Task<bool> SendAsync(int port, string from, byte[] bytes)
    {
        using var deadline = new CancellationTokenSource(CaseDeadline);
        try
        {
            using var socket = await RawMqtt.OpenAsync(from, port, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(bytes, deadline.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
            return await RawMqtt.IsClosedByPeerAsync(socket, deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return true; // refused or reset: the gateway answered
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A real device logs in and gets a panic acked within 5 s.</summary>
    public static async Task<bool> ProbeAsync(int port, string secret, int seq)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var socket = await RawMqtt.OpenAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(RawMqtt.Connect("pb-probe", "pb-probe", secret), timeout.Token).ConfigureAwait(false);
            if (await RawMqtt.ConnAckCodeAsync(socket, timeout.Token).ConfigureAwait(false) != 0) return false;
            var envelope = "{\"v\":1,\"dev\":\"pb-probe\",\"boot\":1,\"seq\":" + seq + ",\"type\":\"panic\",\"ts\":1763900000123,\"data\":{}}";
            await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-probe/evt", Encoding.UTF8.GetBytes(envelope)), timeout.Token).ConfigureAwait(false);
            var ack = await RawMqtt.ReadPacketAsync(socket, timeout.Token).ConfigureAwait(false);
            return ack is [0x40, 2, 0, 1];
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static void Found(FuzzReport report, string directory, long caseNumber, string kind, string why, byte[] bytes, bool crash)
    {
        if (crash) report.Crashes++;
        else report.Hangs++;
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"case-{report.Seed}-{caseNumber}-{kind}.bin");
        File.WriteAllBytes(file, bytes);
        report.Findings.Add($"case {caseNumber} ({kind}): {(crash ? "crash" : "hang")}: {why.Split('\n')[0]} [{file}]");
    }
}
