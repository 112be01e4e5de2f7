using System;
using System.Threading;
using System.Threading.Tasks;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// A panic button without hardware: the firmware core's <see cref="PanicButtonMachine"/> wired to an
    /// MQTTnet link, the system clock and a recording LED. <see cref="Press"/> is the virtual button.
    /// </summary>
    public sealed class VirtualPanicButton : IAsyncDisposable
    {
        private readonly Timer _ticker;

        public VirtualPanicButton(MqttLinkOptions options, long boot, IClock clock = null)
        {
            Link = new MqttNetLink(options);
            Led = new RecordingLed();
            Machine = new PanicButtonMachine(options.DeviceId, boot, clock ?? new SystemClock(), Led, Link);
            _ticker = new Timer(_ => Machine.Tick(), null, 100, 100);
        }

        public MqttNetLink Link { get; }

        public RecordingLed Led { get; }

        public PanicButtonMachine Machine { get; }

        public string DeviceId => Machine.DeviceId;

        public Task ConnectAsync(CancellationToken ct) => Link.ConnectAsync(ct);

        /// <summary>A short press: button-down then button-up. Returns the panic's event id.</summary>
        public string Press()
        {
            var id = Machine.ButtonDown();
            Machine.ButtonUp();
            return id;
        }

        public async ValueTask DisposeAsync()
        {
            await _ticker.DisposeAsync().ConfigureAwait(false);
            await Link.DisposeAsync().ConfigureAwait(false);
        }
    }
}
