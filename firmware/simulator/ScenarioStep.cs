namespace EdgeGateway.Simulator;

/// <summary>One line of a scenario file: at <see cref="At"/> after start, do <see cref="Action"/> on <see cref="Device"/>.</summary>
internal sealed record ScenarioStep(TimeSpan At, string Device, string Action, TimeSpan Duration, byte[]? Uid, double Volts, int Line);
