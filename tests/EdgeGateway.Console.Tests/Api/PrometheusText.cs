using System.Diagnostics;
using System.Text.Json;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>
/// Parses Prometheus text exposition with the reference Python client's parser
/// (<c>prometheus_client.parser.text_string_to_metric_families</c>, Debian's python3-prometheus-client, installed by
/// test.sh), so the test checks what a real scraper reads, not what a grep finds.
/// </summary>
internal static class PrometheusText
{
    private const string Script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for s in family.samples:
                out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
        print(json.dumps(out))
        """;

    public sealed record Sample(string Family, string Type, string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static async Task<IReadOnlyList<Sample>> ParseAsync(string text)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(psi) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        await python.StandardInput.WriteAsync(text);
        python.StandardInput.Close();
        var output = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        if (python.ExitCode != 0) throw new InvalidOperationException("the Prometheus parser refused the text: " + await error + "\n" + text);
        return JsonSerializer.Deserialize<List<Sample>>(await output, TestJson.Options)!;
    }
}
