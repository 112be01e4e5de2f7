using System.Collections;
using EdgeGateway.Firmware.Core.Provisioning;
using nanoFramework.Runtime.Native;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// The serial session's <c>TEST</c> on the board: joins the Wi-Fi with the staged settings, then connects once to
    /// the gateway with the staged id and secret (clean session off, so the gateway's stored session is kept).
    /// <c>REBOOT</c> restarts the ESP32.
    /// </summary>
    public sealed class BoardProvisioningActions : IProvisioningActions
    {
        private readonly DeviceClock _clock;

        public BoardProvisioningActions(DeviceClock clock)
        {
            _clock = clock;
        }

        public string Test(Hashtable settings)
        {
            string ssid = settings[DeviceConfig.WifiSsid] as string;
            if (ssid == null) return "wifi.ssid is not set";
            WifiConnector wifi = new WifiConnector(ssid, settings[DeviceConfig.WifiPass] as string);
            if (!wifi.IsUp && !wifi.TryConnect()) return "wifi: could not join " + ssid;
            M2MqttLink probe = new M2MqttLink((string)settings[DeviceConfig.MqttHost], DeviceConfig.ParsePort((string)settings[DeviceConfig.MqttPort]),
                (settings[DeviceConfig.MqttTls] as string) == "true", (string)settings[DeviceConfig.DeviceId], (string)settings[DeviceConfig.DeviceSecret], _clock);
            return probe.Probe();
        }

        public void Reboot() { Power.RebootDevice(); }
    }
}
