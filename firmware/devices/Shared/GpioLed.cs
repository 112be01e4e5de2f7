using System.Device.Gpio;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// A common-cathode RGB LED on three GPIOs (WIRING.md): idle off, sending blue, delivered green,
    /// acknowledged green+blue (cyan), failing red, needs provisioning red+blue (magenta). A single LED on the green pin
    /// still shows delivered/acknowledged.
    /// </summary>
    public sealed class GpioLed : ILed
    {
        private readonly GpioPin _red;
        private readonly GpioPin _green;
        private readonly GpioPin _blue;

        public GpioLed(GpioController gpio, int redPin, int greenPin, int bluePin)
        {
            _red = gpio.OpenPin(redPin, PinMode.Output);
            _green = gpio.OpenPin(greenPin, PinMode.Output);
            _blue = gpio.OpenPin(bluePin, PinMode.Output);
        }

        public void Show(LedState state)
        {
            _red.Write(state == LedState.Failing || state == LedState.NeedsProvisioning ? PinValue.High : PinValue.Low);
            _green.Write(state == LedState.Delivered || state == LedState.Acknowledged ? PinValue.High : PinValue.Low);
            _blue.Write(state == LedState.Sending || state == LedState.Acknowledged || state == LedState.NeedsProvisioning ? PinValue.High : PinValue.Low);
        }
    }
}
