namespace EdgeGateway.Fuzz;

/// <summary>What a fuzz run did and found.</summary>
public sealed class FuzzReport
{
    public int Seed { get; init; }

    public int Workers { get; init; }

    public long Cases { get; set; }

    public long Crashes { get; set; }

    public long Hangs { get; set; }

    /// <summary>Cases by kind (mqtt-random, mqtt-connect, mqtt-session, envelope, serial).</summary>
    public SortedDictionary<string, long> ByKind { get; } = new(StringComparer.Ordinal);

    /// <summary>Health probes (a real device's panic acked) that passed.</summary>
    public long Probes { get; set; }

    /// <summary>Error or critical lines the gateway logged.</summary>
    public long GatewayErrorLines { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>One line per crash or hang: the case number, kind and why (the case bytes are saved beside).</summary>
    public List<string> Findings { get; } = [];

    public override string ToString() =>
        $"fuzz: {Cases} cases, {Crashes} crashes, {Hangs} hangs (seed {Seed}, {Workers} workers, {Elapsed.TotalSeconds:0.0} s; " +
        string.Join(", ", ByKind.Select(k => $"{k.Key} {k.Value}")) + $"; {Probes} health probes passed; gateway error lines {GatewayErrorLines})";
}
