using MQTTnet;

namespace EdgeGateway.CloudBridge;

/// <summary>
/// Which CONNACK refusals last: the hub said no to who the gateway is (its credentials, its identity, its protocol, its
/// quota), so a connect attempt made again at once gets the same answer. A busy or unavailable server is not one of them.
/// </summary>
internal static class ConnectRefusal
{
    public static bool IsLasting(MqttClientConnectResultCode code) => code is
        MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized or
        MqttClientConnectResultCode.ClientIdentifierNotValid or MqttClientConnectResultCode.Banned or
        MqttClientConnectResultCode.BadAuthenticationMethod or MqttClientConnectResultCode.UnsupportedProtocolVersion or
        MqttClientConnectResultCode.QuotaExceeded;
}
