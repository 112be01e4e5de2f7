using System.Collections;
using MQTTnet.Formatter;

namespace EdgeGateway.Broker;

/// <summary>Remembers in a session's items which MQTT version its client connected with (set on every connect).</summary>
internal static class ProtocolOf
{
    private const string Key = "edgegw.mqtt5";

    public static void Remember(IDictionary sessionItems, MqttProtocolVersion version) => sessionItems[Key] = version == MqttProtocolVersion.V500;

    public static bool IsV5(IDictionary? sessionItems) => sessionItems?[Key] is true;
}
