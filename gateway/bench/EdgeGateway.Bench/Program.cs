using System.Globalization;
using EdgeGateway.Bench;

// edgegw-bench [--quick] [--runs N] [--backlog N] [--only 1,2,3,4,5,6,7,8,9,10,11,12,13,14] [--warmup SECONDS] [--published DIR] [--r2r DIR] [--trimmed DIR]
const string Usage = "edgegw-bench [--quick] [--runs N] [--backlog N] [--only 1,2,3,4,5,6,7,8,9,10,11,12,13,14] [--warmup SECONDS] [--published DIR] [--r2r DIR] [--trimmed DIR]";
int? runsGiven = null;
int? backlogGiven = null;
var only = new HashSet<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 };
string? published = null;
string? readyToRun = null;
string? trimmed = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": BenchScale.UseQuick(); break;
        case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0: runsGiven = r; i++; break;
        case "--backlog" when i + 1 < args.Length && int.TryParse(args[i + 1], out var b) && b > 0: backlogGiven = b; i++; break;
        case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out var w) && w > 0: BenchScale.UseWarmup(TimeSpan.FromSeconds(w)); i++; break;
        case "--only" when i + 1 < args.Length && ScenarioList(args[i + 1]) is { } list: only = list; i++; break;
        case "--published" when i + 1 < args.Length: published = args[++i]; break;
        case "--r2r" when i + 1 < args.Length: readyToRun = args[++i]; break;
        case "--trimmed" when i + 1 < args.Length: trimmed = args[++i]; break;
        default:
            Console.Error.WriteLine($"edgegw-bench: unknown or bad argument '{args[i]}'. Usage: {Usage}");
            return 2;
    }
}
var runs = runsGiven ?? (BenchScale.Quick ? 1 : 3);
var backlog = backlogGiven ?? (BenchScale.Quick ? 2_000 : 1_000_000);

static HashSet<int>? ScenarioList(string text)
{
    var set = new HashSet<int>();
    foreach (var part in text.Split(','))
    {
        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 14) return null;
        set.Add(n);
    }
    return set;
}

static double Median(IEnumerable<double> xs)
{
    var s = xs.Order().ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
}

static string F(double x) => x.ToString(x >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

var rows = new List<string>();
void Row(string what, string gw, string baseline, string ratio, string goal, string runsNote)
{
    var line = $"| {what} | {gw} | {baseline} | {ratio} | {goal} | {runsNote} |";
    rows.Add(line);
    Console.WriteLine(line);
}

Console.WriteLine($"edgegw-bench: {Environment.ProcessorCount} cores, {runs} run(s) each, {Scenarios.Devices} devices × {Scenarios.Inflight} in flight"
    + (BenchScale.Quick ? "; QUICK: tiny loads to check the bench runs, the figures mean nothing" : ""));
if (only.Contains(1))
{
    var r = new List<IngestFigures>();
    for (var i = 0; i < runs; i++) r.Add(await Scenarios.IngestAsync());
    var g = Median(r.Select(x => x.Gateway)); var m = Median(r.Select(x => x.Mosquitto));
    Row("1 durable ingest, events/s acked", F(g), F(m) + " (mosquitto, not durable)", (g / m).ToString("0.00", CultureInfo.InvariantCulture) + "×", "≥ 0.8×", $"median of {runs}: {string.Join(" / ", r.Select(x => F(x.Gateway) + ":" + F(x.Mosquitto)))}");
    var gc = Median(r.Select(x => x.GatewayCpuUs)); var mc = Median(r.Select(x => x.MosquittoCpuUs));
    Row("1 CPU µs per acked event (user + sys of the process)", F(gc), F(mc) + " (mosquitto)", (gc / mc).ToString("0.00", CultureInfo.InvariantCulture) + "× the cost", "-", $"median of {runs}: {string.Join(" / ", r.Select(x => F(x.GatewayCpuUs) + ":" + F(x.MosquittoCpuUs)))}");
}
if (only.Contains(2))
{
    var r = new List<(double G, double GB, double B)>();
    for (var i = 0; i < runs; i++) r.Add(await Scenarios.EndToEndAsync());
    var b = Median(r.Select(x => x.B));
    foreach (var (what, pick) in new (string, Func<(double G, double GB, double B), double>)[] { ("one message per event", x => x.G), ("routine events batched (Uplink:Mqtt:BatchRoutine)", x => x.GB) })
    {
        var g = Median(r.Select(pick));
        Row($"2 end to end, events/s delivered upstream, {what}", F(g), F(b) + " (mosquitto bridge)", (g / b).ToString("0.00", CultureInfo.InvariantCulture) + "×", "≥ 3×", $"median of {runs}: {string.Join(" / ", r.Select(x => F(pick(x)) + ":" + F(x.B)))}");
    }
}
if (only.Contains(3))
{
    var r = new List<(double P50, double P99)>();
    for (var i = 0; i < runs; i++) r.Add(await Scenarios.PanicLatencyAsync());
    Row("3 panic latency p50 / p99 ms (1,000 ev/s background)", $"{F(Median(r.Select(x => x.P50)))} / {F(Median(r.Select(x => x.P99)))}", "-", "-", "p99 ≤ 5 ms", $"median of {runs}: {string.Join(" / ", r.Select(x => F(x.P50) + "," + F(x.P99)))}");
}
if (only.Contains(4))
{
    foreach (var batched in new[] { false, true })
    {
        var (panic, drain, fill) = await Scenarios.BacklogAsync(backlog, batched);
        Row($"4 backlog {backlog:N0}{(batched ? ", routine events batched" : "")}: panic upstream ms / drain events/s", $"{F(panic)} / {F(drain)}", "-", "-", "≤ 100 ms / ≥ 50,000", $"1 run (pre-filled into SQLite in {F(fill)} s with the gateway stopped)");
    }
}
if (only.Contains(5))
{
    var r = new List<(double S, double I, double R)>();
    for (var i = 0; i < runs; i++) r.Add(await Scenarios.FootprintAsync());
    Row($"5 cold start ms / RSS idle MB / RSS {BenchScale.FootprintDevices:N0} devices MB", $"{F(Median(r.Select(x => x.S)))} / {F(Median(r.Select(x => x.I)))} / {F(Median(r.Select(x => x.R)))}", "-", "-", "≤ 1,000 ms / - / ≤ 60 MB", $"median of {runs}");
}
if (only.Contains(6) && published is null) Console.Error.WriteLine("edgegw-bench: scenario 6 needs --published DIR (bench.sh publishes it); skipped");
else if (only.Contains(6))
{
    foreach (var build in GatewayBuild.Variants(published!, readyToRun, trimmed))
    {
        var r = new List<(double S, double C, double I, double R)>();
        for (var i = 0; i < runs; i++)
        {
            var (f, cpu) = await Scenarios.FootprintWithCpuAsync(build);
            r.Add((f.StartMs, cpu, f.IdleRssMb, f.RssWith1000Mb));
        }
        Row($"6 {build.Name}: cold start ms (CPU ms to listening) / RSS idle MB / RSS {BenchScale.FootprintDevices:N0} devices MB",
            $"{F(Median(r.Select(x => x.S)))} ({F(Median(r.Select(x => x.C)))}) / {F(Median(r.Select(x => x.I)))} / {F(Median(r.Select(x => x.R)))}", "-", "-", "≤ 300 ms / - / ≤ 60 MB",
            $"median of {runs}: {string.Join(" / ", r.Select(x => $"{F(x.S)},{F(x.C)},{F(x.I)},{F(x.R)}"))}");
    }
}
if (only.Contains(7))
{
    var (cpu, percent, perTick) = PatrolNight.Run();
    Row("7 patrols: CPU s per night / % of one core / µs per tick", $"{F(cpu)} / {percent.ToString("0.000", CultureInfo.InvariantCulture)} % / {F(perTick)}", "-", "-", "< 1 %",
        $"1 run: 200 checkpoints, 20 routes, 50 rounds, 500 taps, {BenchScale.PatrolHours * 3600:N0} ticks ({BenchScale.PatrolHours} h simulated, CPU scaled to 12 h)");
}
if (only.Contains(8))
{
    // Interleaved (each variant once per round) so a change in the machine's load hits every variant alike. On the
    // published NativeAOT release when there is one (as the Pi runs it: nothing to JIT during the measured window).
    var beside = published is null ? GatewayBuild.FrameworkDependent : GatewayBuild.Release(published);
    Console.WriteLine($"scenario 8 runs the gateway {beside.Name}");
    var variants = Enum.GetValues<IngestBeside.Variant>();
    var r = variants.ToDictionary(v => v, _ => new List<double>());
    var rss = variants.ToDictionary(v => v, _ => new List<double>());
    var dirty = variants.ToDictionary(v => v, _ => new List<double>());
    var cpu = variants.ToDictionary(v => v, _ => new List<double>());
    var journalDropped = new List<long>();
    for (var i = 0; i < runs; i++)
    {
        foreach (var v in variants)
        {
            var result = await IngestBeside.RunAsync(v, beside);
            r[v].Add(result.Rate);
            rss[v].Add(result.RssMb);
            dirty[v].Add(result.DirtyMb);
            cpu[v].Add(result.CpuUsPerEvent);
            if (v == IngestBeside.Variant.ConsoleLiveClient && result.JournalDropped is { } d) journalDropped.Add(d);
        }
    }
    void Beside(string what, IngestBeside.Variant v, IngestBeside.Variant baseline, string baselineName)
    {
        var (m, b) = (Median(r[v]), Median(r[baseline]));
        Row($"8 durable ingest {what}, events/s acked", F(m), $"{F(b)} ({baselineName})", (m / b).ToString("0.00", CultureInfo.InvariantCulture) + "×", "≥ 0.95×",
            $"median of {runs}: {string.Join(" / ", r[v].Zip(r[baseline]).Select(x => F(x.First) + ":" + F(x.Second)))}");
    }
    Beside("with a patrol plan (rounds open)", IngestBeside.Variant.PatrolPlan, IngestBeside.Variant.Alone, "gateway without patrols and console");
    Beside("with the console and a live client", IngestBeside.Variant.ConsoleLiveClient, IngestBeside.Variant.Alone, "gateway without patrols and console");
    Beside("with the console and a live client, history journal off", IngestBeside.Variant.ConsoleWithoutHistory, IngestBeside.Variant.Alone, "gateway without patrols and console");
    void CpuBeside(string what, IngestBeside.Variant v, string note)
    {
        var (cpuConsole, cpuAlone) = (Median(cpu[v]), Median(cpu[IngestBeside.Variant.Alone]));
        Row($"8 gateway CPU µs per event acked, {what}", F(cpuConsole), $"{F(cpuAlone)} (without patrols and console)",
            (cpuConsole / cpuAlone).ToString("0.00", CultureInfo.InvariantCulture) + "×", "-",
            $"median of {runs}: {string.Join(" / ", cpu[v].Zip(cpu[IngestBeside.Variant.Alone]).Select(x => F(x.First) + ":" + F(x.Second)))}{note}");
    }
    CpuBeside("with the console and a live client", IngestBeside.Variant.ConsoleLiveClient, $"; history journal dropped {string.Join(" / ", journalDropped)}");
    CpuBeside("with the console and a live client, history journal off", IngestBeside.Variant.ConsoleWithoutHistory, "");
    Beside("of check-ins only, each matched against the patrol plan", IngestBeside.Variant.CheckinsPatrolPlan, IngestBeside.Variant.CheckinsAlone, "check-ins, patrol module off");
    void MemoryBeside(string what, Dictionary<IngestBeside.Variant, List<double>> mb, string goal)
    {
        var (withConsole, without) = (Median(mb[IngestBeside.Variant.ConsoleLiveClient]), Median(mb[IngestBeside.Variant.Alone]));
        Row($"8 {what} MB right after the ingest load, with the console and a live client", F(withConsole), $"{F(without)} (without patrols and console)",
            $"+{F(withConsole - without)} MB", goal, $"median of {runs}: {string.Join(" / ", mb[IngestBeside.Variant.ConsoleLiveClient].Zip(mb[IngestBeside.Variant.Alone]).Select(x => F(x.First) + ":" + F(x.Second)))}");
    }
    MemoryBeside("RSS", rss, "≤ +15 MB");
    MemoryBeside("dirty part of the RSS (what the kernel cannot drop: heap, stacks, JIT code)", dirty, "-");
}
if (only.Contains(9))
{
    var (devices, history) = (2000, BenchScale.Quick ? 500 : 10_000);
    foreach (var p in await ConsolePaint.RunAsync(devices, history, BenchScale.Quick ? 1 : 5))
    {
        Row($"9 console {p.Page}: first paint ms / data shown ms (Chromium, {devices:N0} devices, {history:N0} history rows, 20 alarms)",
            $"{F(p.FirstPaintMs)} / {F(p.FilledMs)}", "-", "-", "first paint < 300 ms", $"median of {(BenchScale.Quick ? 1 : 5)} loads");
    }
}
if (only.Contains(10))
{
    foreach (var d in await DiskWrites.RunAsync(BenchScale.Quick ? 50 : 2000, TimeSpan.FromSeconds(BenchScale.Quick ? 1 : 5)))
    {
        Row($"10 bytes written to disk per event, {d.Load}, {(d.Extras ? "defaults (patrol module, history journal)" : "patrol module and console off")}",
            F(d.BytesPerEvent), "-", "-", d.Load == "one at a time" ? "≤ 4,608 B" : "≤ 600 B", $"1 run, {d.Events:N0} check-ins, file sink on tmpfs");
    }
}
if (only.Contains(11)) Overload.Print(await Overload.RunAsync(), Row);
if (only.Contains(12))
{
    var r = new List<Stability.Run>();
    for (var i = 0; i < (runsGiven ?? (BenchScale.Quick ? 2 : 5)); i++) r.Add(await Stability.RunOnceAsync(i));
    Stability.Print(r, Row);
}
if (only.Contains(13))
{
    var outage = TimeSpan.FromSeconds(BenchScale.Quick ? 2 : 60);
    var r = new List<Outage.Result>();
    for (var i = 0; i < runs; i++) r.Add(await Outage.RunAsync(outage));
    Row($"13 uplink down {outage.TotalSeconds:0} s at 1,000 events/s, then back: after the return, ms to a panic pressed during the outage / pressed at the return; s to the backlog's end",
        $"{F(Median(r.Select(x => x.PanicPressedDuringMs)))} / {F(Median(r.Select(x => x.PanicPressedAtReturnMs)))} / {F(Median(r.Select(x => x.BacklogEndS)))}", "-", "-", "≤ 100 ms / ≤ 100 ms / -",
        $"median of {runs}: {string.Join(" / ", r.Select(x => $"{F(x.PanicPressedDuringMs)},{F(x.PanicPressedAtReturnMs)},{F(x.BacklogEndS)} ({x.BacklogAtReturn:N0} buffered)"))}");
}
if (only.Contains(14))
{
    var (panics, hubRate) = (BenchScale.Quick ? 40 : 1000, 20);
    foreach (var pack in new[] { false, true })
    {
        var r = new List<ThrottledHub.Result>();
        for (var i = 0; i < runs; i++) r.Add(await ThrottledHub.RunAsync(panics, hubRate, pack));
        Row($"14 IoT Hub throttled to {hubRate}/s, {panics:N0} panics, {(pack ? "waiting alarms packed (Uplink:IoTHub:PackWaitingAlarms)" : "each alone (default)")}: connections / warnings logged (on the way up) / s until all at the hub / panic p50, p99 ms",
            $"{F(Median(r.Select(x => (double)x.Connects)))} / {F(Median(r.Select(x => (double)x.Warnings)))} ({F(Median(r.Select(x => (double)x.UplinkWarnings)))}) / {F(Median(r.Select(x => x.AllThereS)))} / {F(Median(r.Select(x => x.P50Ms)))}, {F(Median(r.Select(x => x.P99Ms)))}",
            "-", "-", "1 connection, no warning storm", $"median of {runs}: {string.Join(" / ", r.Select(x => $"{x.Connects},{x.Warnings}({x.UplinkWarnings}),{F(x.AllThereS)},{F(x.P50Ms)},{F(x.P99Ms)}"))}");
    }
}
Console.WriteLine();
Console.WriteLine("| measurement | gateway | baseline | ratio | goal | runs |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var row in rows) Console.WriteLine(row);
return 0;
