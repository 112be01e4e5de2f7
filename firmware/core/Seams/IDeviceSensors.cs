namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>The analogue and switch inputs the machines poll: battery divider, tamper switch, radio strength.</summary>
    public interface IDeviceSensors
    {
        /// <summary>Battery voltage in millivolts (after the divider is undone); 0 when unknown.</summary>
        int BatteryMillivolts { get; }

        /// <summary>True while the enclosure is open (tamper microswitch released).</summary>
        bool TamperOpen { get; }

        /// <summary>Wi-Fi RSSI in dBm; 0 when unknown.</summary>
        int Rssi { get; }
    }
}
