using EdgeGateway.Firmware.Core.Provisioning;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>Where and as whom a virtual device connects.</summary>
    public sealed class MqttLinkOptions
    {
        /// <summary>The link a provisioned device opens: the stored gateway, id and secret.</summary>
        public static MqttLinkOptions From(ProvisionedSettings settings) => new MqttLinkOptions
        {
            Host = settings.GatewayHost, Port = settings.GatewayPort, Tls = settings.GatewayTls,
            DeviceId = settings.DeviceId, Secret = settings.Secret,
        };

        public string Host { get; set; } = "127.0.0.1";

        public int Port { get; set; } = 1883;

        public string DeviceId { get; set; } = "";

        /// <summary>The device's own secret (issue 6); null connects without credentials.</summary>
        public string Secret { get; set; }

        /// <summary>Connect over TLS (the provisioned <c>mqtt.tls</c>).</summary>
        public bool Tls { get; set; }

        /// <summary>Reconnect automatically, with backoff, after the connection drops.</summary>
        public bool AutoReconnect { get; set; } = true;
    }
}
