using System.Collections;
using EdgeGateway.Firmware.Core.Provisioning;
using MQTTnet;

namespace EdgeGateway.VirtualSerialDevice;

/// <summary>TEST: a real connect to the broker with the settings; REBOOT: signals the runner to restart the "firmware".</summary>
internal sealed class VirtualDeviceActions : IProvisioningActions
{
    private readonly CancellationToken _ct;

    public VirtualDeviceActions(CancellationToken ct) => _ct = ct;

    public bool RebootRequested { get; private set; }

    public string? Test(Hashtable settings)
    {
        // The serial session is synchronous, like the firmware's UART loop: block on the connect (≤ 5 s).
        var (client, problem) = BrokerSession.ConnectAsync(settings, _ct).GetAwaiter().GetResult();
        if (problem is null)
        {
            client.DisconnectAsync(new MqttClientDisconnectOptions(), _ct).GetAwaiter().GetResult();
            client.Dispose();
        }
        return problem;
    }

    public void Reboot() => RebootRequested = true;
}
