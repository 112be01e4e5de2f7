using System.Collections;

namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>The provisioning keys, their validation, and which of them are secrets.</summary>
    public static class DeviceConfig
    {
        public const string WifiSsid = "wifi.ssid";
        public const string WifiPass = "wifi.pass";
        public const string MqttHost = "mqtt.host";
        public const string MqttPort = "mqtt.port";
        public const string MqttTls = "mqtt.tls";
        public const string DeviceId = "device.id";
        public const string DeviceSecret = "device.secret";
        public const string SiteId = "site.id";
        public const string CheckpointId = "checkpoint.id";

        public static readonly string[] Keys = new string[] { WifiSsid, WifiPass, MqttHost, MqttPort, MqttTls, DeviceId, DeviceSecret, SiteId, CheckpointId };

        /// <summary>Keys that COMMIT requires (Wi-Fi is optional: wired and virtual devices have none).</summary>
        public static readonly string[] Required = new string[] { DeviceId, DeviceSecret, SiteId, MqttHost };

        public static bool IsKey(string key)
        {
            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i] == key) return true;
            }
            return false;
        }

        public static bool IsSecret(string key)
        {
            return key == WifiPass || key == DeviceSecret;
        }

        /// <summary>Null when the value is acceptable for the key, else a reason that never repeats the value.</summary>
        public static string Problem(string key, string value)
        {
            if (key == WifiSsid) return value.Length >= 1 && value.Length <= 32 ? null : "wifi.ssid must be 1-32 characters";
            if (key == WifiPass) return value.Length == 0 || (value.Length >= 8 && value.Length <= 63) ? null : "wifi.pass must be empty (open network) or 8-63 characters";
            if (key == MqttHost) return IsHost(value) ? null : "mqtt.host must be a host name or IPv4 address";
            if (key == MqttPort) return ParsePort(value) > 0 ? null : "mqtt.port must be 1-65535";
            if (key == MqttTls) return value == "true" || value == "false" ? null : "mqtt.tls must be true or false";
            if (key == DeviceId || key == SiteId || key == CheckpointId) return IsId(value) ? null : key + " must be 1-64 characters of A-Z a-z 0-9 - _";
            if (key == DeviceSecret) return IsSecretText(value) ? null : "device.secret must be 16-128 printable characters without spaces";
            return "unknown key";
        }

        /// <summary>Null when the settings are complete, else what is missing.</summary>
        public static string Incomplete(Hashtable settings)
        {
            return Missing(settings, Required);
        }

        /// <summary>Null when every one of <paramref name="keys"/> is set, else the first missing one.</summary>
        public static string Missing(Hashtable settings, string[] keys)
        {
            for (int i = 0; i < keys.Length; i++)
            {
                if (!settings.Contains(keys[i])) return "missing " + keys[i];
            }
            return null;
        }

        /// <summary>The port as a number, or 0 when not a valid port.</summary>
        public static int ParsePort(string value)
        {
            int n = ParseDecimal(value, 65535);
            return n >= 1 ? n : 0;
        }

        /// <summary>A decimal of at most 5 digits within 0..<paramref name="max"/>, or -1 when the text is not one.</summary>
        public static int ParseDecimal(string value, int max)
        {
            if (value == null || value.Length == 0 || value.Length > 5) return -1;
            int n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            return n <= max ? n : -1;
        }

        public static bool IsId(string value)
        {
            if (value == null || value.Length == 0 || value.Length > 64) return false;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) return false;
            }
            return true;
        }

        private static bool IsHost(string value)
        {
            if (value == null || value.Length == 0 || value.Length > 253) return false;
            if (value[0] == '.' || value[0] == '-' || value[value.Length - 1] == '.') return false;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                if (!ok) return false;
            }
            return true;
        }

        private static bool IsSecretText(string value)
        {
            if (value == null || value.Length < 16 || value.Length > 128) return false;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] <= ' ' || value[i] > '~') return false;
            }
            return true;
        }
    }
}
