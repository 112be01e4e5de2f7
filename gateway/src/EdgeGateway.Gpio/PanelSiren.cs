using EdgeGateway.Core.Commands;

namespace EdgeGateway.Gpio;

/// <summary>
/// The panel's siren as command handling sees it (<c>sirenTest</c>), resolved when first sounded. The panel depends on
/// the uplink (its LEDs show the uplink's state), the MQTT and IoT Hub uplinks on command handling, and command handling
/// on a siren: resolving the panel at construction closed that circle and the gateway did not start with GPIO on and a
/// cloud uplink.
/// </summary>
internal sealed class PanelSiren(Func<GatewayPanel> panel) : ISirenTester
{
    public Task SoundAsync(TimeSpan duration, CancellationToken cancellationToken) => panel().SoundAsync(duration, cancellationToken);
}
