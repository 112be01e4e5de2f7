using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Alarms;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Events;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio;

/// <summary>
/// The gateway board as one piece: the pins, the siren, the status LEDs, the tamper switch, the test/silence
/// button and the self-test, wired together. Built from a <see cref="System.Device.Gpio.GpioDriver"/>, so the
/// same code runs on the Pi, with <c>Gpio:Driver=fake</c>, and in the tests.
/// </summary>
public sealed class GatewayPanel : ISirenTester, IDisposable
{
    private readonly PanelPins _pins;
    private readonly ILogger _logger;
    private readonly GpioOptions _options;

    public GatewayPanel(System.Device.Gpio.GpioDriver driver, GpioOptions options, ILocalAlarms alarms, IUplink uplink, IEventBuffer buffer,
        GatewayEventEmitter events, TimeProvider time, ILogger<GatewayPanel> logger)
    {
        _options = options;
        _logger = logger;
        _pins = new PanelPins(driver, options);
        Events = new SerialEmitter(events, logger);
        Siren = new SirenOutput(_pins, alarms, options.Siren, time, logger);
        Leds = new StatusLeds(_pins, alarms, uplink, buffer, time);
        Tamper = new TamperSwitch(_pins, options.Tamper, Events, time, logger);
        SelfTest = new SelfTest(Siren, Leds, _pins, Events, time, logger);
        Button = new TestButton(_pins, options.Button, alarms, () => _ = SelfTest.RunAsync("button", SelfTest.ButtonChirp), time);
    }

    internal SirenOutput Siren { get; }

    internal StatusLeds Leds { get; }

    internal TamperSwitch Tamper { get; }

    internal TestButton Button { get; }

    internal SelfTest SelfTest { get; }

    internal SerialEmitter Events { get; }

    /// <summary>Shows the current state (siren, LEDs, an enclosure already open) and keeps the LEDs refreshed until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        GpioLog.Ready(_logger, _options.Driver, _options.Chip, _options.Siren.Pin, _options.GreenLed.Pin, _options.AmberLed.Pin, _options.RedLed.Pin,
            _options.Tamper.Pin, _options.Button.Pin);
        Siren.Start();
        Tamper.Start();
        await Leds.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task SoundAsync(TimeSpan duration, CancellationToken cancellationToken) => SelfTest.SoundAsync(duration, cancellationToken);

    /// <summary>Every output off (the siren never stays on after the gateway stops), then the pins are released.</summary>
    public void Dispose()
    {
        Button.Dispose();
        Tamper.Dispose();
        Leds.Dispose();
        Siren.Dispose();
        try
        {
            _pins.AllOff();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            GpioLog.Failed(_logger, "switching the outputs off", ex.Message);
        }
        _pins.Dispose();
    }
}
