using System;
using System.Threading;
using System.Threading.Tasks;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// What every virtual device has: the MQTTnet link, a recording LED and buzzer, settable sensors, flash,
    /// and a 100 ms ticker driving the core machine. A <c>reboot</c> command is honoured by building a new machine
    /// on the same flash (boot counter + 1, persisted outbox restored) and reconnecting, as the real device would.
    /// </summary>
    public abstract class VirtualDevice : IAsyncDisposable, IReboot
    {
        private readonly Timer _ticker;
        private readonly MqttLinkOptions _options;
        private int _rebooting;

        protected VirtualDevice(MqttLinkOptions options, IFlashStore flash, IClock clock)
        {
            _options = options;
            Flash = flash;
            Clock = clock ?? new SystemClock();
            Link = new MqttNetLink(options);
            Led = new RecordingLed();
            Buzzer = new RecordingBuzzer();
            Sensors = new VirtualSensors();
            _ticker = new Timer(_ => CurrentMachine?.Tick(), null, 100, 100);
        }

        public MqttNetLink Link { get; private set; }

        public RecordingLed Led { get; }

        public RecordingBuzzer Buzzer { get; }

        public VirtualSensors Sensors { get; }

        public IFlashStore Flash { get; }

        public IClock Clock { get; }

        public string DeviceId => _options.DeviceId;

        /// <summary>Raised after a reboot command restarted the device (new boot number).</summary>
        public event Action<long> Rebooted;

        protected abstract DeviceMachine CurrentMachine { get; }

        /// <summary>Builds the machine for a (re)start: called once by the subclass constructor and once per reboot.</summary>
        protected abstract void CreateMachine();

        protected DeviceSeams NewSeams() => new DeviceSeams
        {
            Clock = Clock, Led = Led, Buzzer = Buzzer, Link = Link, Flash = Flash, Sensors = Sensors, Reboot = this,
            FirmwareVersion = VersionInfo.Firmware,
        };

        /// <summary>Connects once; throws with the broker's reason when it refuses. Sends no event.</summary>
        public Task ConnectAsync(CancellationToken ct) => Link.ConnectAsync(ct);

        /// <summary>Connects and sends the <c>boot</c> event, as a powered-up device does. Returns the boot event's id.</summary>
        public async Task<string> StartAsync(CancellationToken ct)
        {
            await Link.ConnectAsync(ct).ConfigureAwait(false);
            return CurrentMachine.Start();
        }

        public void Reboot()
        {
            if (Interlocked.Exchange(ref _rebooting, 1) == 1) return;
            _ = Task.Run(async () =>
            {
                try
                {
                    var old = Link;
                    Link = new MqttNetLink(_options);
                    await old.DisposeAsync().ConfigureAwait(false);
                    CreateMachine();
                    await StartAsync(CancellationToken.None).ConfigureAwait(false);
                    Rebooted?.Invoke(CurrentMachine.Boot);
                }
                catch (Exception ex) when (ex is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
                {
                    // The link's own reconnect is gone with the old link; the next tick of a fresh start retries.
                    Console.Error.WriteLine($"{DeviceId}: restart after reboot failed: {ex.Message}");
                }
                finally
                {
                    Interlocked.Exchange(ref _rebooting, 0);
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _ticker.DisposeAsync().ConfigureAwait(false);
            await Link.DisposeAsync().ConfigureAwait(false);
            GC.SuppressFinalize(this);
        }
    }
}
