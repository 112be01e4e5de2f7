using EdgeGateway.Fuzz;
using EdgeGateway.TestInfra;
using Xunit.Abstractions;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>
/// Issue 14: a short, seeded, time-bounded fuzz pass against a real gateway process (raw MQTT 3.1.1/5 packets,
/// mutated envelopes) and the serial provisioning session must find no crash and no hang, and the gateway must
/// keep acking a real device's panics throughout. <c>./fuzz.sh</c> runs the same cases 100,000 at a time.
/// </summary>
public sealed class FuzzPassTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_seeded_fuzz_pass_finds_no_crash_or_hang_and_the_gateway_keeps_acking_a_real_device()
    {
        using var findings = new TempDir("fuzz-findings");
        var report = await FuzzRun.RunAsync(seed: 20261206, maxCases: 3_000, maxTime: TimeSpan.FromSeconds(8), findings.Path);
        output.WriteLine(report.ToString());
        Assert.True(report.Findings.Count == 0, string.Join('\n', report.Findings));
        Assert.Equal(0, report.Crashes);
        Assert.Equal(0, report.Hangs);
        Assert.True(report.Cases >= 300, $"only {report.Cases} cases ran");
        Assert.True(report.Probes >= 3, $"only {report.Probes} health probes passed");
        Assert.True(report.ByKind.Keys.ToHashSet().SetEquals(["envelope", "mqtt-connect", "mqtt-random", "mqtt-session", "serial"]), string.Join(",", report.ByKind.Keys));
    }
}
