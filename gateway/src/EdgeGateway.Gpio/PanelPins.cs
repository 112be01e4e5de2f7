using System.Device.Gpio;

namespace EdgeGateway.Gpio;

/// <summary>
/// The board's pins opened through a <see cref="GpioController"/>: the four outputs (off at start, active-low
/// honoured) and the two inputs with the internal pull-up (switches to ground).
/// </summary>
internal sealed class PanelPins : IDisposable
{
    private readonly GpioController _gpio;
    private readonly Dictionary<PanelOutput, OutputPinOptions> _outputs;
    private readonly GpioOptions _options;

    public PanelPins(GpioDriver driver, GpioOptions options)
    {
        _options = options;
        _gpio = new GpioController(driver);
        _outputs = new()
        {
            [PanelOutput.Siren] = options.Siren,
            [PanelOutput.Green] = options.GreenLed,
            [PanelOutput.Amber] = options.AmberLed,
            [PanelOutput.Red] = options.RedLed,
        };
        foreach (var o in _outputs.Values) _gpio.OpenPin(o.Pin, PinMode.Output, Level(o, on: false));
        foreach (var pin in new[] { options.Tamper.Pin, options.Button.Pin })
            _gpio.OpenPin(pin, _gpio.IsPinModeSupported(pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
    }

    public void Set(PanelOutput output, bool on)
    {
        var o = _outputs[output];
        _gpio.Write(o.Pin, Level(o, on));
    }

    /// <summary>The enclosure is open: the switch, closed while the lid is shut, no longer pulls the pin low.</summary>
    public bool TamperOpen => _gpio.Read(_options.Tamper.Pin) == PinValue.High;

    /// <summary>The button is pressed: it pulls the pin to ground.</summary>
    public bool ButtonPressed => _gpio.Read(_options.Button.Pin) == PinValue.Low;

    public void OnTamperEdge(Action action) => OnEdge(_options.Tamper.Pin, action);

    public void OnButtonEdge(Action action) => OnEdge(_options.Button.Pin, action);

    public void AllOff()
    {
        foreach (var output in _outputs.Keys) Set(output, false);
    }

    public void Dispose() => _gpio.Dispose();

    private void OnEdge(int pin, Action action) =>
        _gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, (_, _) => action());

    private static PinValue Level(OutputPinOptions o, bool on) => on != o.ActiveLow ? PinValue.High : PinValue.Low;
}
