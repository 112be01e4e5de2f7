namespace EdgeGateway.Simulator;

public sealed class FleetOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    public int PanicButtons { get; init; } = 3;

    public TimeSpan PressEvery { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.Zero;

    public string StateDirectory { get; init; } = "data/sim";

    /// <summary>Where {deviceId}.secret files are (issue 6); null connects without credentials.</summary>
    public string? SecretsDirectory { get; init; }
}
