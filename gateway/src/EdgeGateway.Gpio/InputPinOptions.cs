namespace EdgeGateway.Gpio;

/// <summary>One input pin (internal pull-up, switch to ground) and its software debounce.</summary>
public class InputPinOptions
{
    public int Pin { get; set; }

    /// <summary>A new level counts only after it held this long.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(50);
}
