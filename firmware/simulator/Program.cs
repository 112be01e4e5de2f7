using System.CommandLine;
using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Model;
using EdgeGateway.Simulator;

var host = new Option<string>("--host") { Description = "Gateway broker address", DefaultValueFactory = _ => "127.0.0.1" };
var port = new Option<int>("--port") { Description = "Gateway broker port", DefaultValueFactory = _ => 1883 };
var panicButtons = new Option<int>("--panic-buttons") { Description = "Number of virtual panic buttons (pb-0001…)", DefaultValueFactory = _ => 3 };
var beacons = new Option<int>("--beacons") { Description = "Number of virtual checkpoint beacons (cb-0001…)", DefaultValueFactory = _ => 0 };
var pressEvery = new Option<double>("--press-every") { Description = "Seconds between automatic presses/taps per device, staggered (0 = none)", DefaultValueFactory = _ => 5 };
var heartbeat = new Option<double>("--heartbeat") { Description = "Heartbeat period in seconds (10..86400)", DefaultValueFactory = _ => 60 };
var duration = new Option<double>("--duration") { Description = "Stop after this many seconds (0 = until Ctrl-C)", DefaultValueFactory = _ => 0 };
var state = new Option<string>("--state-dir") { Description = "Where virtual flash (boot counters, unsent alarms) lives", DefaultValueFactory = _ => "data/sim" };
var secrets = new Option<string?>("--secrets-dir") { Description = "Directory of {deviceId}.secret files (edgegw device add --secret-file); without it devices connect anonymously" };
var scenario = new Option<FileInfo?>("--scenario") { Description = "Scenario file: lines like 'at 2s pb-0001 press', 'at 5s cb-0001 tap 04A1B2C3', 'at 22:00 patrol north walk route-A card 04A1B2C3 skip cp-0003'" };
var patrols = new Option<FileInfo?>("--patrols") { Description = "The gateway's patrols.json, for the routes that patrol scenario lines walk" };

var root = new RootCommand("edgegw-sim: runs virtual panic buttons and checkpoint beacons against a gateway")
{
    host, port, panicButtons, beacons, pressEvery, heartbeat, duration, state, secrets, scenario, patrols,
};
root.SetAction(async (parse, ct) =>
{
    var problem = parse.GetValue(panicButtons) is < 0 or > 10_000 ? "--panic-buttons must be 0..10000"
        : parse.GetValue(beacons) is < 0 or > 10_000 ? "--beacons must be 0..10000"
        : parse.GetValue(pressEvery) < 0 ? "--press-every must be >= 0"
        : parse.GetValue(heartbeat) is < 10 or > 86_400 ? "--heartbeat must be 10..86400 seconds"
        : parse.GetValue(port) is < 1 or > 65535 ? "--port must be 1..65535"
        : parse.GetValue(duration) < 0 ? "--duration must be >= 0"
        : null;
    List<ScenarioStep> steps = [];
    var scenarioStart = DateTime.UtcNow;
    var file = parse.GetValue(scenario);
    if (problem is null && file is not null)
    {
        try { steps = ScenarioParser.Parse(await File.ReadAllLinesAsync(file.FullName, ct).ConfigureAwait(false), LoadPlan(parse.GetValue(patrols)), scenarioStart.ToLocalTime()); }
        catch (FormatException ex) { problem = $"{file.Name}: {ex.Message}"; }
        catch (PatrolConfigException ex) { problem = ex.Message; }
        catch (IOException ex) { problem = $"cannot read scenario {file.FullName}: {ex.Message}"; }
    }
    if (problem is not null)
    {
        await Console.Error.WriteLineAsync("edgegw-sim: " + problem).ConfigureAwait(false);
        return 2;
    }
    return await new FleetRunner(new FleetOptions
    {
        Host = parse.GetValue(host)!,
        Port = parse.GetValue(port),
        PanicButtons = parse.GetValue(panicButtons),
        Beacons = parse.GetValue(beacons),
        PressEvery = TimeSpan.FromSeconds(parse.GetValue(pressEvery)),
        Heartbeat = TimeSpan.FromSeconds(parse.GetValue(heartbeat)),
        Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
        StateDirectory = parse.GetValue(state)!,
        SecretsDirectory = parse.GetValue(secrets),
        Scenario = steps,
        ScenarioStart = scenarioStart,
    }, Console.Out).RunAsync(ct).ConfigureAwait(false);
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

static PatrolPlan? LoadPlan(FileInfo? file) => file is null ? null : PlanParser.ParseFile(file.FullName, DateTimeOffset.UtcNow);
