using System.Collections;

namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>
    /// The settings a provisioned device runs with, read from its config store: who it is (id, secret, site,
    /// checkpoint), how it reaches the site (Wi-Fi) and where the gateway is (host, port, TLS). Nothing here has a
    /// default identity: a device without a complete, valid stored configuration is not provisioned.
    /// </summary>
    public sealed class ProvisionedSettings
    {
        private ProvisionedSettings(Hashtable values)
        {
            DeviceId = (string)values[DeviceConfig.DeviceId];
            Secret = (string)values[DeviceConfig.DeviceSecret];
            SiteId = (string)values[DeviceConfig.SiteId];
            CheckpointId = values[DeviceConfig.CheckpointId] as string;
            WifiSsid = values[DeviceConfig.WifiSsid] as string;
            WifiPassword = values[DeviceConfig.WifiPass] as string;
            GatewayHost = (string)values[DeviceConfig.MqttHost];
            string port = values[DeviceConfig.MqttPort] as string;
            GatewayPort = port == null ? 1883 : DeviceConfig.ParsePort(port);
            GatewayTls = (values[DeviceConfig.MqttTls] as string) == "true";
        }

        public string DeviceId { get; private set; }

        public string Secret { get; private set; }

        public string SiteId { get; private set; }

        /// <summary>The checkpoint a beacon stands at; null for a panic button.</summary>
        public string CheckpointId { get; private set; }

        /// <summary>Null on a device without Wi-Fi settings (wired or virtual).</summary>
        public string WifiSsid { get; private set; }

        public string WifiPassword { get; private set; }

        public string GatewayHost { get; private set; }

        public int GatewayPort { get; private set; }

        public bool GatewayTls { get; private set; }

        /// <summary>The settings in a stored configuration; null when there is none, or it is incomplete or invalid.</summary>
        public static ProvisionedSettings From(Hashtable stored)
        {
            if (stored == null || DeviceConfig.Incomplete(stored) != null) return null;
            foreach (DictionaryEntry e in stored)
            {
                string key = e.Key as string;
                string value = e.Value as string;
                if (key == null || value == null || !DeviceConfig.IsKey(key) || DeviceConfig.Problem(key, value) != null) return null;
            }
            return new ProvisionedSettings(stored);
        }
    }
}
