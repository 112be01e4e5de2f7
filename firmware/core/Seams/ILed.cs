namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>The status LED (a GPIO, an RGB LED, or a console in the host build).</summary>
    public interface ILed
    {
        void Show(LedState state);
    }
}
