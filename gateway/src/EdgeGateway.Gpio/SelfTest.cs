using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Commands;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio;

/// <summary>
/// The self-test, from a 3 s hold of the button or the cloud's <c>sirenTest</c> (<see cref="ISirenTester"/>): a
/// siren chirp, then every LED alone in turn (green, amber, red), then a <c>test</c> event upstream saying who asked
/// and what was exercised. One at a time: a request during a running test joins it.
/// </summary>
internal sealed class SelfTest : ISirenTester
{
    public static readonly TimeSpan ButtonChirp = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan LedStep = TimeSpan.FromMilliseconds(400);
    private static readonly PanelOutput[] Leds = [PanelOutput.Green, PanelOutput.Amber, PanelOutput.Red];
    private static readonly string[] LedNames = ["green", "amber", "red"];

    private readonly SirenOutput _siren;
    private readonly StatusLeds _leds;
    private readonly PanelPins _pins;
    private readonly SerialEmitter _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Task? _running;

    public SelfTest(SirenOutput siren, StatusLeds leds, PanelPins pins, SerialEmitter events, TimeProvider time, ILogger logger)
    {
        _siren = siren;
        _leds = leds;
        _pins = pins;
        _events = events;
        _time = time;
        _logger = logger;
    }

    public Task SoundAsync(TimeSpan duration, CancellationToken cancellationToken) => RunAsync("cloud", duration);

    public Task RunAsync(string source, TimeSpan chirp)
    {
        lock (_gate)
        {
            if (_running is { IsCompleted: false }) return _running;
            return _running = RunCoreAsync(source, chirp);
        }
    }

    private async Task RunCoreAsync(string source, TimeSpan chirp)
    {
        GpioLog.SelfTest(_logger, source, chirp.TotalMilliseconds);
        _siren.Chirp(chirp);
        await Task.Delay(chirp, _time).ConfigureAwait(false);
        _leds.Hold();
        try
        {
            foreach (var led in Leds)
            {
                foreach (var other in Leds) _pins.Set(other, other == led);
                await Task.Delay(LedStep, _time).ConfigureAwait(false);
            }
        }
        finally
        {
            _leds.Release();
        }
        await _events.Emit(EventTypes.Test, JsonSerializer.Serialize(new SelfTestData(source, (long)chirp.TotalMilliseconds, LedNames), GpioJsonContext.Default.SelfTestData)).ConfigureAwait(false);
    }
}
