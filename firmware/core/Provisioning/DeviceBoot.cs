using System.Collections;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>
    /// What a device does at power-up, the same on the ESP32 and in the host build. The serial provisioning session
    /// always runs. Without a complete stored configuration the device is unprovisioned: the LED shows
    /// <see cref="LedState.NeedsProvisioning"/>, the session accepts settings, and nothing connects to MQTT
    /// (<see cref="Settings"/> is null). With one, the device runs with the stored id, secret, Wi-Fi and gateway;
    /// its session accepts new settings only when the button was held at power-up (the physical action).
    /// </summary>
    public sealed class DeviceBoot
    {
        /// <param name="alsoRequired">Keys this device needs beyond <see cref="DeviceConfig.Required"/> (an ESP32 needs
        /// <c>wifi.ssid</c>, a beacon also <c>checkpoint.id</c>); without them it stays unprovisioned.</param>
        public DeviceBoot(IConfigStore store, bool buttonHeldAtPowerUp, ISerialPort port, IProvisioningActions actions, DeviceIdentity identity, ILed led, string[] alsoRequired)
        {
            Hashtable stored = store.Load();
            Settings = ProvisionedSettings.From(stored);
            if (Settings != null && DeviceConfig.Missing(stored, alsoRequired) != null) Settings = null;
            // An incomplete record (a power cut during the very first save) counts as unprovisioned, and unlocks.
            Session = new ProvisioningSession(port, store, actions, identity, buttonHeldAtPowerUp || Settings == null);
            Session.RequireAlso(alsoRequired);
            if (Settings == null) led.Show(LedState.NeedsProvisioning);
        }

        /// <summary>The settings to run with; null when the device must be provisioned first (no MQTT then).</summary>
        public ProvisionedSettings Settings { get; private set; }

        public bool RunsDevice { get { return Settings != null; } }

        /// <summary>The serial session; feed it the UART's bytes for as long as the device is powered.</summary>
        public ProvisioningSession Session { get; private set; }
    }
}
