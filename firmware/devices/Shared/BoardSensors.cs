using System.Device.Adc;
using System.Device.Gpio;
using System.Device.Wifi;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// Battery through a 100 kΩ / 100 kΩ divider on an ADC1 channel (ADC2 is unusable while Wi-Fi runs), the tamper
    /// microswitch (closed to GND while the lid is on; pull-up, so high = open), and the RSSI of the last Wi-Fi scan.
    /// </summary>
    public sealed class BoardSensors : IDeviceSensors
    {
        private const int DividerRatio = 2;
        private const int AdcFullScaleMv = 3300;
        private readonly AdcChannel _battery;
        private readonly GpioPin _tamper;
        private readonly string _ssid;
        private readonly WifiAdapter _adapter;
        private int _rssi;

        public BoardSensors(GpioController gpio, int adcChannel, int tamperPin, string ssid)
        {
            AdcController adc = new AdcController();
            _battery = adc.OpenChannel(adcChannel);
            _tamper = gpio.OpenPin(tamperPin, PinMode.InputPullUp);
            _ssid = ssid;
            WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
            if (adapters.Length > 0)
            {
                _adapter = adapters[0];
                _adapter.AvailableNetworksChanged += OnScanDone;
            }
        }

        public int BatteryMillivolts
        {
            get
            {
                int sum = 0;
                for (int i = 0; i < 8; i++) sum += _battery.ReadValue();
                return (int)((long)sum / 8 * AdcFullScaleMv * DividerRatio / 4095);
            }
        }

        public bool TamperOpen { get { return _tamper.Read() == PinValue.High; } }

        public int Rssi { get { return _rssi; } }

        /// <summary>Starts a scan; the RSSI updates when it completes (call rarely: a scan pauses traffic for a moment).</summary>
        public void RefreshRssi()
        {
            if (_adapter != null) _adapter.ScanAsync();
        }

        private void OnScanDone(WifiAdapter sender, object e)
        {
            WifiAvailableNetwork[] networks = sender.NetworkReport.AvailableNetworks;
            for (int i = 0; i < networks.Length; i++)
            {
                if (networks[i].Ssid == _ssid) _rssi = (int)networks[i].NetworkRssiInDecibelMilliwatts;
            }
        }
    }
}
