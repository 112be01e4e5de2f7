using System.CommandLine;
using EdgeGateway.Simulator;

var host = new Option<string>("--host") { Description = "Gateway broker address", DefaultValueFactory = _ => "127.0.0.1" };
var port = new Option<int>("--port") { Description = "Gateway broker port", DefaultValueFactory = _ => 1883 };
var panicButtons = new Option<int>("--panic-buttons") { Description = "Number of virtual panic buttons", DefaultValueFactory = _ => 3 };
var pressEvery = new Option<double>("--press-every") { Description = "Seconds between presses, per device (staggered)", DefaultValueFactory = _ => 5 };
var duration = new Option<double>("--duration") { Description = "Stop after this many seconds (0 = until Ctrl-C)", DefaultValueFactory = _ => 0 };
var state = new Option<string>("--state-dir") { Description = "Where virtual flash (boot counters) lives", DefaultValueFactory = _ => "data/sim" };
var secrets = new Option<string?>("--secrets-dir") { Description = "Directory of {deviceId}.secret files (edgegw device add --secret-file); without it devices connect anonymously" };

var root = new RootCommand("edgegw-sim: runs virtual panic buttons against a gateway")
{
    host, port, panicButtons, pressEvery, duration, state, secrets,
};
root.SetAction(async (parse, ct) =>
{
    var problem = parse.GetValue(panicButtons) is < 0 or > 10_000 ? "--panic-buttons must be 0..10000"
        : parse.GetValue(pressEvery) <= 0 ? "--press-every must be > 0"
        : parse.GetValue(port) is < 1 or > 65535 ? "--port must be 1..65535"
        : parse.GetValue(duration) < 0 ? "--duration must be >= 0"
        : null;
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
    PressEvery = TimeSpan.FromSeconds(parse.GetValue(pressEvery)),
    Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
    StateDirectory = parse.GetValue(state)!,
    SecretsDirectory = parse.GetValue(secrets),
}, Console.Out).RunAsync(ct).ConfigureAwait(false);
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
