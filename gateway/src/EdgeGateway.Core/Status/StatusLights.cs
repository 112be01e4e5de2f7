namespace EdgeGateway.Core.Status;

/// <summary>
/// The three status LEDs. <see cref="AmberBlinkHalfPeriod"/> null with <see cref="Amber"/> on: steady amber.
/// </summary>
public sealed record StatusLights(bool Green, bool Amber, TimeSpan? AmberBlinkHalfPeriod, bool Red);
