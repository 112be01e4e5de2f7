using System.Device.Pwm;
using System.Threading;
using EdgeGateway.Firmware.Core.Seams;
using nanoFramework.Hardware.Esp32;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// A passive piezo driven through an NPN transistor from a PWM pin. Patterns play on their own thread so
    /// the state machine never waits for a tone.
    /// </summary>
    public sealed class PwmBuzzer : IBuzzer
    {
        private const int ToneHz = 2700;
        private readonly PwmChannel _pwm;
        private readonly object _lock = new object();

        public PwmBuzzer(int pin)
        {
            Configuration.SetPinFunction(pin, DeviceFunction.PWM1);
            _pwm = PwmChannel.CreateFromPin(pin, ToneHz, 0);
            _pwm.Start();
        }

        public void Play(BuzzerPattern pattern)
        {
            int[] steps;
            switch (pattern)
            {
                case BuzzerPattern.Stored: steps = new int[] { 80 }; break;
                case BuzzerPattern.Delivered: steps = new int[] { 60, 80, 60 }; break;
                case BuzzerPattern.Acknowledged: steps = new int[] { 600 }; break;
                case BuzzerPattern.Failing: steps = new int[] { 200, 150, 200 }; break;
                default: steps = new int[] { 150, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150 }; break;
            }
            new Thread(() => Run(steps)).Start();
        }

        /// <summary>Odd steps sound, even steps are silence, each for its milliseconds.</summary>
        private void Run(int[] steps)
        {
            lock (_lock)
            {
                for (int i = 0; i < steps.Length; i++)
                {
                    _pwm.DutyCycle = i % 2 == 0 ? 0.5 : 0;
                    Thread.Sleep(steps[i]);
                }
                _pwm.DutyCycle = 0;
            }
        }
    }
}
