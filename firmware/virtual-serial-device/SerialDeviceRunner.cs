using System.IO.Ports;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Host;
using MQTTnet;

namespace EdgeGateway.VirtualSerialDevice;

/// <summary>
/// Runs one virtual device on a serial port: the provisioning session on the line (115200 8N1), and, once
/// provisioned and rebooted, a broker connection that sends a heartbeat every <c>heartbeatEvery</c>.
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
            // One "power-up": a session, and a heartbeat loop when provisioned.
            var actions = new VirtualDeviceActions(ct);
            var session = new ProvisioningSession(new SerialPortAdapter(port), store, actions, _identity, buttonHeld);
            buttonHeld = false; // the physical action counts for the first power-up only
            _log.WriteLine("vdev: powered up, provisioned=" + (session.IsProvisioned ? "yes" : "no"));
            using var bootCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var heartbeats = session.IsProvisioned ? HeartbeatLoopAsync(store, bootCts.Token) : Task.CompletedTask;
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
                session.Feed(buffer, 0, n);
            }
            await bootCts.CancelAsync().ConfigureAwait(false);
            await heartbeats.ConfigureAwait(false);
            if (actions.RebootRequested) _log.WriteLine("vdev: rebooting");
        }
        return 0;
    }

    private async Task HeartbeatLoopAsync(FileConfigStore store, CancellationToken ct)
    {
        var settings = store.Load();
        var id = (string)settings[DeviceConfig.DeviceId]!;
        var boot = BootCounter.Next(new FileFlashStore(_stateDir, id));
        long seq = 0;
        while (!ct.IsCancellationRequested)
        {
            var (client, problem) = await BrokerSession.ConnectAsync(settings, ct).ConfigureAwait(false);
            if (problem is null)
            {
                _log.WriteLine("vdev: connected as " + id);
                try
                {
                    while (client.IsConnected && !ct.IsCancellationRequested)
                    {
                        var acked = await BrokerSession.HeartbeatAsync(client, id, boot, ++seq, ct).ConfigureAwait(false);
                        _log.WriteLine("vdev: heartbeat " + seq + (acked ? " acked" : " NOT acked"));
                        await Task.Delay(_heartbeatEvery, ct).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException)
                {
                }
                client.Dispose();
            }
            else
            {
                _log.WriteLine("vdev: " + problem);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
