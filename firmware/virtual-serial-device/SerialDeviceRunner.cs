using System.IO.Ports;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Host;

namespace EdgeGateway.VirtualSerialDevice;

/// <summary>
/// Runs one virtual panic button on a serial port with the firmware's own boot flow (<see cref="DeviceBoot"/>): the
/// provisioning session on the line (115200 8N1) at every power-up; once provisioned, the core's
/// <see cref="PanicButtonMachine"/> on an MQTT link that logs in with the stored id and secret, its heartbeat every
/// <c>heartbeatEvery</c>. A <c>REBOOT</c> on the line is a new power-up.
/// </summary>
internal sealed class SerialDeviceRunner
{
    private readonly string _serial;
    private readonly string _stateDir;
    private readonly DeviceIdentity _identity;
    private readonly bool _buttonHeld;
    private readonly TimeSpan _heartbeatEvery;
    private readonly TextWriter _log;

    public SerialDeviceRunner(string serial, string stateDir, DeviceIdentity identity, bool buttonHeld, TimeSpan heartbeatEvery, TextWriter log)
    {
        _serial = serial;
        _stateDir = stateDir;
        _identity = identity;
        _buttonHeld = buttonHeld;
        _heartbeatEvery = heartbeatEvery;
        _log = log;
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var port = new SerialPort(_serial, 115200, Parity.None, 8, StopBits.One) { ReadTimeout = 100, Handshake = Handshake.None };
        port.Open();
        var store = new FileConfigStore(_stateDir);
        var buttonHeld = _buttonHeld;
        var buffer = new byte[256];
        while (!ct.IsCancellationRequested)
        {
            var actions = new VirtualDeviceActions(ct);
            var led = new RecordingLed();
            var boot = new DeviceBoot(store, buttonHeld, new SerialPortAdapter(port), actions, _identity, led, []);
            buttonHeld = false; // the physical action counts for the first power-up only
            _log.WriteLine("vdev: powered up, provisioned=" + (boot.RunsDevice ? "yes" : "no") + ", led=" + led.Current);
            await using var device = boot.RunsDevice ? await StartDeviceAsync(boot, ct).ConfigureAwait(false) : null;
            while (!ct.IsCancellationRequested && !actions.RebootRequested)
            {
                int n;
                try
                {
                    n = port.Read(buffer, 0, buffer.Length);
                }
                catch (TimeoutException)
                {
                    continue;
                }
                boot.Session.Feed(buffer, 0, n);
            }
            if (actions.RebootRequested) _log.WriteLine("vdev: rebooting");
        }
        return 0;
    }

    private async Task<VirtualPanicButton> StartDeviceAsync(DeviceBoot boot, CancellationToken ct)
    {
        var settings = boot.Settings!;
        var device = new VirtualPanicButton(MqttLinkOptions.From(settings), new FileFlashStore(_stateDir, settings.DeviceId),
            settings: new PanicButtonSettings { HeartbeatMs = (long)_heartbeatEvery.TotalMilliseconds });
        boot.Session.AttachTestMode(device.Machine);
        device.Link.PublishAcked += _ => _log.WriteLine("vdev: event acked");
        try
        {
            await device.StartAsync(ct).ConfigureAwait(false);
            _log.WriteLine("vdev: connected as " + settings.DeviceId);
        }
        catch (Exception ex) when (ex is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The link retries with the core's backoff; events wait in the outbox meanwhile.
            _log.WriteLine("vdev: gateway not reachable yet: " + ex.GetType().Name);
        }
        return device;
    }
}
