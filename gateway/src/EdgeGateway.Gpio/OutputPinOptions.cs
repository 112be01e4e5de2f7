namespace EdgeGateway.Gpio;

/// <summary>One output pin: its BCM GPIO number and whether "on" is a low level.</summary>
public class OutputPinOptions
{
    public int Pin { get; set; }

    /// <summary>True when the load is on at a low level (e.g. a low-level-trigger relay module).</summary>
    public bool ActiveLow { get; set; }
}
