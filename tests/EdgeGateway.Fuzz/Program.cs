using System.Globalization;
using EdgeGateway.Fuzz;

// edgegw-fuzz [--cases N] [--seconds S] [--seed N] [--findings DIR]: prints the count of cases, crashes and hangs; exit 1 if any.
var cases = 100_000L;
var seconds = 3600.0;
var seed = 14;
var findings = "fuzz-findings";
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--cases": cases = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--findings": findings = args[i + 1]; break;
        default:
            await Console.Error.WriteLineAsync($"edgegw-fuzz: unknown flag {args[i]} (use --cases, --seconds, --seed, --findings)").ConfigureAwait(false);
            return 2;
    }
}
var report = await FuzzRun.RunAsync(seed, cases, TimeSpan.FromSeconds(seconds), findings, line => Console.WriteLine(line)).ConfigureAwait(false);
foreach (var finding in report.Findings) Console.WriteLine("  " + finding);
Console.WriteLine(report);
Console.WriteLine($"cases: {report.Cases}  crashes: {report.Crashes}  hangs: {report.Hangs}");
return report.Crashes + report.Hangs == 0 ? 0 : 1;
