using System.Collections;
using EdgeGateway.Firmware.Core.Provisioning;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.VirtualSerialDevice;

/// <summary>Connects to the broker with the provisioned settings (client id = user = device.id, password = device.secret).</summary>
internal static class BrokerSession
{
    public static async Task<(IMqttClient Client, string? Problem)> ConnectAsync(Hashtable settings, CancellationToken ct)
    {
        var id = (string)settings[DeviceConfig.DeviceId]!;
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer((string)settings[DeviceConfig.MqttHost]!, DeviceConfig.ParsePort((string)settings[DeviceConfig.MqttPort]!))
            .WithClientId(id)
            .WithCredentials(id, (string)settings[DeviceConfig.DeviceSecret]!)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(false) // a clean probe would discard the session (and queued commands) the gateway keeps
            .WithTimeout(TimeSpan.FromSeconds(5));
        if ((string?)settings[DeviceConfig.MqttTls] == "true") builder.WithTlsOptions(o => o.UseTls());
        try
        {
            var result = await client.ConnectAsync(builder.Build(), ct).ConfigureAwait(false);
            if (result.ResultCode == MqttClientConnectResultCode.Success) return (client, null);
            client.Dispose();
            return (client, "broker refused: " + result.ResultCode);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            client.Dispose();
            return (client, "broker unreachable: " + ex.GetType().Name);
        }
    }
}
