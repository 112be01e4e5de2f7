namespace EdgeGateway.Simulator;

internal sealed class FleetOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    public int PanicButtons { get; init; } = 3;

    public int Beacons { get; init; }

    /// <summary>Seconds between automatic presses (and taps) per device; zero for none (scenario only).</summary>
    public TimeSpan PressEvery { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Duration { get; init; } = TimeSpan.Zero;

    public string StateDirectory { get; init; } = "data/sim";

    /// <summary>Where {deviceId}.secret files are; null connects without credentials.</summary>
    public string? SecretsDirectory { get; init; }

    public IReadOnlyList<ScenarioStep> Scenario { get; init; } = [];

    /// <summary>When scenario time zero is (UTC): the moment the scenario was read, so wall-clock lines (HH:mm) keep their time however long the devices take to connect.</summary>
    public DateTime ScenarioStart { get; init; } = DateTime.UtcNow;
}
