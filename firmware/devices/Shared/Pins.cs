namespace EdgeGateway.Firmware.Devices
{
    /// <summary>ESP32-DevKitC-32E pin map (hardware-docs/WIRING.md). Avoids strapping pins (0, 2, 5*, 12, 15) except VSPI CS.</summary>
    public static class Pins
    {
        public const int Button = 4;       // panic (or beacon service) button to GND, pull-up + RC debounce; held at power-up = unlock provisioning
        public const int Tamper = 27;      // microswitch to GND, closed while the lid is on
        public const int LedRed = 16;
        public const int LedGreen = 17;
        public const int LedBlue = 21;
        public const int Buzzer = 26;      // PWM → 1 kΩ → NPN base
        public const int BatteryAdcChannel = 6; // ADC1_CH6 = GPIO34 (input only)
        public const int SpiMosi = 23;     // VSPI
        public const int SpiMiso = 19;
        public const int SpiClock = 18;
        public const int Mfrc522ChipSelect = 5;
        public const int Mfrc522Reset = 22;
        public const int ProvisioningTx = 32; // UART1 (COM2) TX → the technician's USB-UART adapter RX
        public const int ProvisioningRx = 33; // UART1 (COM2) RX ← the adapter's TX
    }
}
