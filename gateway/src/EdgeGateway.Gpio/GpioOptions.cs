namespace EdgeGateway.Gpio;

/// <summary>Section <c>Gpio</c>: the gateway board's pins (BCM numbers; defaults match docs/GPIO.md and hardware-docs/GATEWAY.md).</summary>
public sealed class GpioOptions
{
    public const string RealDriver = "real";
    public const string FakeDriver = "fake";

    /// <summary>The 40-pin header carries BCM GPIO 0..27.</summary>
    public const int MaxPin = 27;

    public bool Enabled { get; set; }

    /// <summary><c>real</c>: the kernel's GPIO character device through libgpiod; <c>fake</c>: no hardware, pin writes are only recorded.</summary>
    public string Driver { get; set; } = RealDriver;

    /// <summary>Which <c>/dev/gpiochipN</c> carries the header's pins.</summary>
    public int Chip { get; set; }

    public SirenOptions Siren { get; set; } = new();

    public OutputPinOptions GreenLed { get; set; } = new() { Pin = 22 };

    public OutputPinOptions AmberLed { get; set; } = new() { Pin = 23 };

    public OutputPinOptions RedLed { get; set; } = new() { Pin = 24 };

    public InputPinOptions Tamper { get; set; } = new() { Pin = 5 };

    public ButtonOptions Button { get; set; } = new();

    /// <summary>Every problem, each naming its setting; nothing is checked while GPIO is disabled.</summary>
    /// <param name="chipExists">Whether <c>/dev/gpiochipN</c> exists (a parameter so tests need no hardware).</param>
    public IEnumerable<string> Validate(Func<int, bool> chipExists)
    {
        if (!Enabled) yield break;
        if (Driver is not (RealDriver or FakeDriver))
        {
            yield return $"Gpio:Driver '{Driver}' is unknown: use 'real' (the Pi's GPIO) or 'fake' (no hardware)";
            yield break;
        }
        if (Driver == RealDriver && !chipExists(Chip))
            yield return $"Gpio:Enabled is true but this machine has no /dev/gpiochip{Chip} (Gpio:Chip={Chip}); set Gpio:Driver=fake to run without GPIO";
        var seen = new Dictionary<int, string>();
        foreach (var (name, pin) in Pins())
        {
            if (pin is < 0 or > MaxPin) yield return $"Gpio:{name}:Pin {pin} is out of range (BCM GPIO 0..{MaxPin})";
            else if (seen.TryGetValue(pin, out var other)) yield return $"Gpio:{name}:Pin {pin} is already used by Gpio:{other}:Pin";
            else seen[pin] = name;
        }
        foreach (var p in Siren.Validate()) yield return p;
        foreach (var (name, input) in new[] { ("Tamper", (InputPinOptions)Tamper), ("Button", Button) })
        {
            if (input.Debounce < TimeSpan.FromMilliseconds(1) || input.Debounce > TimeSpan.FromSeconds(1))
                yield return $"Gpio:{name}:Debounce must be between 00:00:00.001 and 00:00:01";
        }
        if (Button.HoldForSelfTest < TimeSpan.FromSeconds(1) || Button.HoldForSelfTest > TimeSpan.FromSeconds(30))
            yield return "Gpio:Button:HoldForSelfTest must be between 00:00:01 and 00:00:30";
    }

    public IEnumerable<(string Name, int Pin)> Pins() =>
    [
        ("Siren", Siren.Pin), ("GreenLed", GreenLed.Pin), ("AmberLed", AmberLed.Pin), ("RedLed", RedLed.Pin),
        ("Tamper", Tamper.Pin), ("Button", Button.Pin),
    ];
}
