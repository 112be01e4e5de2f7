using System.Threading;
using nanoFramework.Networking;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>Joins the Wi-Fi (DHCP), starts SNTP, and retries with backoff from the main loop.</summary>
    public sealed class WifiConnector
    {
        private readonly string _ssid;
        private readonly string _password;
        private int _delayMs = 1000;

        public WifiConnector(string ssid, string password)
        {
            _ssid = ssid;
            _password = password;
        }

        public bool IsUp { get { return NetworkHelper.Status == NetworkHelperStatus.NetworkIsReady; } }

        /// <summary>Tries to join for up to 20 s; on failure waits the backoff (1 s doubling to 60 s) and returns false.</summary>
        public bool TryConnect()
        {
            if (IsUp) return true;
            CancellationTokenSource cts = new CancellationTokenSource(20000);
            bool ok = WifiNetworkHelper.ConnectDhcp(_ssid, _password, requiresDateTime: false, token: cts.Token);
            if (ok)
            {
                _delayMs = 1000;
                Sntp.Start();
                return true;
            }
            Thread.Sleep(_delayMs);
            _delayMs = _delayMs * 2 > 60000 ? 60000 : _delayMs * 2;
            return false;
        }
    }
}
