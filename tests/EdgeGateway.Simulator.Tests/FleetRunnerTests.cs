using System.Text.Json;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Simulator.Tests;

/// <summary>The fleet runner against the real in-process gateway: a scenario's events reach the file uplink.</summary>
public sealed class FleetRunnerTests
{
    [Fact]
    public async Task A_scenario_runs_against_the_gateway_and_its_events_go_upstream()
    {
        await using var gw = await InProcessGateway.StartAsync();
        using var state = new TempDir();
        var output = new StringWriter();
        var options = new FleetOptions
        {
            Port = gw.Port, PanicButtons = 2, Beacons = 1, PressEvery = TimeSpan.Zero, Heartbeat = TimeSpan.FromSeconds(60),
            StateDirectory = state.Path,
            Scenario = ScenarioParser.Parse(["at 0s pb-0001 press", "at 0s cb-0001 tap 04A1B2C3", "at 0s pb-0002 tamper", "at 2s pb-0002 untamper"]),
        };
        // Duration zero would run until cancelled: stop once the uplink holds what the scenario made.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = new FleetRunner(options, output).RunAsync(cts.Token);
        var uplink = Path.Combine(gw.DataDirectory, "uplink.jsonl");
        try
        {
            await Eventually.TrueAsync(() => Types(uplink).IsSupersetOf(["boot", "panic", "checkin", "tamper"]), TimeSpan.FromSeconds(60), "the scenario's events upstream");
        }
        catch (TimeoutException)
        {
            lock (output) Assert.Fail($"upstream types: {string.Join(",", Types(uplink))}; simulator said:\n{output}");
        }
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        Assert.True(File.Exists(Path.Combine(state.Path, "pb-0001.boot")));
        string text;
        lock (output) text = output.ToString();
        Assert.Contains("cb-0001 BUZZER Stored", text, StringComparison.Ordinal);
        Assert.Contains("pb-0001 LED Delivered", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_naming_a_device_outside_the_fleet_is_refused_before_connecting()
    {
        var options = new FleetOptions { Port = FreePort.Next(), PanicButtons = 1, Scenario = ScenarioParser.Parse(["at 1s pb-0009 press"]) };
        Assert.Equal(2, await new FleetRunner(options, TextWriter.Null).RunAsync(CancellationToken.None));
    }

    private static HashSet<string> Types(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var types = new HashSet<string>();
        while (reader.ReadLine() is { } line)
        {
            try { types.Add(JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()!); }
            catch (JsonException) { /* partial line */ }
        }
        return types;
    }
}
