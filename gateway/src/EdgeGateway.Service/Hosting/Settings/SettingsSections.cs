using EdgeGateway.Broker;
using EdgeGateway.Console;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Core.Forwarding;
using EdgeGateway.Core.Health;
using EdgeGateway.Core.Supervision;
using EdgeGateway.Gpio;
using EdgeGateway.Gpio.Clock;
using EdgeGateway.Patrols;
using EdgeGateway.Storage;

namespace EdgeGateway.Service.Hosting.Settings;

/// <summary>
/// The one place that says which options type is bound from which configuration section. The unknown-key check
/// (<see cref="UnknownSettings"/>) and <c>--help</c> (<see cref="SettingsHelp"/>) are derived from it: a new feature's
/// section is covered by adding its options type here. A section may be bound to more than one type (Buffer).
/// </summary>
public static class SettingsSections
{
    public static IReadOnlyList<(string Section, Type Type)> All { get; } =
    [
        ("Gateway", typeof(GatewayOptions)),
        ("Broker", typeof(BrokerOptions)),
        ("Buffer", typeof(SqliteBufferOptions)),
        ("Buffer", typeof(BufferPolicy)),
        ("Uplink", typeof(UplinkOptions)),
        ("Forwarder", typeof(ForwarderOptions)),
        ("Debounce", typeof(DebounceOptions)),
        ("Commands", typeof(CommandOptions)),
        ("Watchdog", typeof(WatchdogOptions)),
        ("Supervision", typeof(SupervisionOptions)),
        ("Gpio", typeof(GpioOptions)),
        ("Clock", typeof(ClockOptions)),
        ("Patrols", typeof(PatrolOptions)),
        ("Console", typeof(ConsoleOptions)),
    ];
}
