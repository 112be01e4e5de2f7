namespace EdgeGateway.Gpio;

/// <summary>Section <c>Gpio:Button</c>: the test/silence button.</summary>
public sealed class ButtonOptions : InputPinOptions
{
    public ButtonOptions()
    {
        Pin = 6;
        Debounce = TimeSpan.FromMilliseconds(30);
    }

    /// <summary>Held this long, the button runs the self-test; released earlier, it silences the siren.</summary>
    public TimeSpan HoldForSelfTest { get; set; } = TimeSpan.FromSeconds(3);
}
