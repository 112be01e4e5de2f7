namespace EdgeGateway.Firmware.Host
{
    /// <summary>Where and as whom a virtual device connects.</summary>
    public sealed class MqttLinkOptions
    {
        public string Host { get; set; } = "127.0.0.1";

        public int Port { get; set; } = 1883;

        public string DeviceId { get; set; } = "";

        /// <summary>The device's own secret (issue 6); null connects without credentials.</summary>
        public string Secret { get; set; }

        /// <summary>Reconnect automatically, with backoff, after the connection drops.</summary>
        public bool AutoReconnect { get; set; } = true;
    }
}
