using System;
using System.Collections;
using System.Text;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>
    /// The device side of the serial provisioning protocol (SPEC "Provisioning over serial"). Bytes from the
    /// UART are fed in as they arrive; each complete line gets exactly one answer line, <c>OK …</c> or
    /// <c>ERR code message</c>. Lines longer than <see cref="MaxLine"/> get <c>ERR 413</c> and are discarded up to
    /// their end; a line with a byte outside printable ASCII (wrong baud rate, line noise) gets <c>ERR 400</c>.
    /// Empty lines are ignored. Secrets are never echoed. Changes are accepted only while the device is
    /// unprovisioned or after the physical action (button held at power-up).
    /// </summary>
    public sealed class ProvisioningSession
    {
        public const int MaxLine = 256;

        private readonly ISerialPort _port;
        private readonly IConfigStore _store;
        private readonly IProvisioningActions _actions;
        private readonly DeviceIdentity _identity;
        private bool _unlocked;
        private readonly byte[] _line = new byte[MaxLine];
        private int _length;
        private bool _overflow;
        private bool _badByte;
        private Hashtable _saved;
        private Hashtable _staged = new Hashtable();
        private ITestModeTarget _testMode;
        private string[] _alsoRequired = DeviceConfig.Required;

        public ProvisioningSession(ISerialPort port, IConfigStore store, IProvisioningActions actions, DeviceIdentity identity, bool physicalUnlock)
        {
            _port = port;
            _store = store;
            _actions = actions;
            _identity = identity;
            _saved = store.Load();
            _unlocked = _saved == null || physicalUnlock; // until the next power-up

        }

        /// <summary>True once settings are saved.</summary>
        public bool IsProvisioned
        {
            get { return _saved != null; }
        }

        /// <summary>
        /// Changes are allowed when the device was unprovisioned at power-up (until it restarts), or when the
        /// button was held at power-up.
        /// </summary>
        public bool IsUnlocked
        {
            get { return _unlocked || _saved == null; }
        }

        /// <summary>Keys this device needs before COMMIT, beyond <see cref="DeviceConfig.Required"/>.</summary>
        public void RequireAlso(string[] keys)
        {
            _alsoRequired = keys;
        }

        /// <summary>Connects <c>TEST-MODE</c> to the running panic button (a device without one answers ERR 409).</summary>
        public void AttachTestMode(ITestModeTarget target)
        {
            _testMode = target;
        }

        /// <summary>Feeds received bytes; answers every complete line. Never throws on any input.</summary>
        public void Feed(byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = data[i];
                if (b == (byte)'\n')
                {
                    EndOfLine();
                    continue;
                }
                if (_overflow) continue;
                if (b == (byte)'\r') continue;
                if (b < 0x20 || b > 0x7E) _badByte = true;
                if (_length == MaxLine)
                {
                    _overflow = true;
                    Reply("ERR 413 line too long (max " + MaxLine.ToString() + " characters)");
                    continue;
                }
                _line[_length++] = b;
            }
        }

        private void EndOfLine()
        {
            bool overflow = _overflow;
            bool bad = _badByte;
            int length = _length;
            _overflow = false;
            _badByte = false;
            _length = 0;
            if (overflow) return; // already answered
            if (bad)
            {
                Reply("ERR 400 unreadable bytes in line (check 115200 8N1)");
                return;
            }
            if (length == 0) return;
            string line = Encoding.UTF8.GetString(_line, 0, length);
            string answer;
            try
            {
                answer = Handle(line);
            }
            catch (Exception ex)
            {
                // A failing store or action must not kill the session; its message may not name a secret.
                answer = "ERR 500 " + Scrub(ex.Message);
            }
            Reply(answer);
            if (answer == "OK rebooting") _actions.Reboot();
        }

        private string Handle(string line)
        {
            string command = line;
            string rest = "";
            int space = line.IndexOf(' ');
            if (space >= 0)
            {
                command = line.Substring(0, space);
                rest = line.Substring(space + 1);
            }
            command = command.ToUpper();
            if (command == "HELLO") return Hello();
            if (command == "GET") return Get(rest.Trim());
            if (command == "SET") return Set(rest);
            if (command == "COMMIT") return Commit();
            if (command == "TEST") return Test();
            if (command == "REBOOT") return "OK rebooting";
            if (command == "FACTORY-RESET") return FactoryReset();
            if (command == "TEST-MODE") return TestMode(rest.Trim());
            return "ERR 400 unknown command (HELLO, SET, GET, COMMIT, TEST, TEST-MODE, REBOOT, FACTORY-RESET)";
        }

        private string Hello()
        {
            return "OK HELLO model=" + _identity.Model + " fw=" + _identity.Firmware + " hw=" + _identity.HardwareId
                + " provisioned=" + (IsProvisioned ? "yes" : "no") + " unlocked=" + (IsUnlocked ? "yes" : "no");
        }

        private string Get(string key)
        {
            if (!DeviceConfig.IsKey(key)) return "ERR 404 unknown key";
            string value = Current(key);
            if (value == null) return "OK " + key + "=";
            if (DeviceConfig.IsSecret(key)) return "OK " + key + "=***";
            return "OK " + key + "=" + value;
        }

        private string Set(string rest)
        {
            if (!IsUnlocked) return Locked();
            int space = rest.IndexOf(' ');
            string key = space < 0 ? rest : rest.Substring(0, space);
            string value = space < 0 ? "" : rest.Substring(space + 1);
            if (!DeviceConfig.IsKey(key)) return "ERR 404 unknown key";
            string problem = DeviceConfig.Problem(key, value);
            if (problem != null) return "ERR 422 " + problem;
            _staged[key] = value;
            return "OK";
        }

        private string Commit()
        {
            if (!IsUnlocked) return Locked();
            Hashtable merged = Merged();
            string missing = DeviceConfig.Incomplete(merged);
            if (missing == null) missing = DeviceConfig.Missing(merged, _alsoRequired);
            if (missing != null) return "ERR 422 " + missing;
            _store.Save(merged);
            _saved = merged;
            _staged = new Hashtable();
            return "OK committed";
        }

        private string Test()
        {
            Hashtable merged = Merged();
            string missing = DeviceConfig.Incomplete(merged);
            if (missing != null) return "ERR 422 " + missing;
            string problem = _actions.Test(merged);
            if (problem != null) return "ERR 503 " + Scrub(problem);
            return "OK TEST wifi=ok broker=ok";
        }

        private string FactoryReset()
        {
            if (!IsUnlocked) return Locked();
            _store.EraseAll();
            _saved = null;
            _staged = new Hashtable();
            return "OK factory reset";
        }

        /// <summary>
        /// <c>TEST-MODE minutes</c> (0–60; 0 disarms): while armed, presses send <c>test</c> instead of <c>panic</c>.
        /// It turns real alarms into tests, so it obeys the same lock as settings: on a provisioned device it needs
        /// the button held at power-up.
        /// </summary>
        private string TestMode(string minutesText)
        {
            if (!IsUnlocked) return Locked();
            if (_testMode == null) return "ERR 409 no test mode here (a provisioned, running panic button has one)";
            int minutes = DeviceConfig.ParseDecimal(minutesText, 60);
            if (minutes < 0) return "ERR 422 minutes must be 0-60";
            _testMode.ArmTestMode(minutes * 60000L);
            return minutes == 0 ? "OK test mode off" : "OK test mode on for " + minutes.ToString() + " min";
        }

        private static string Locked()
        {
            return "ERR 403 locked: the device is provisioned; hold the button at power-up to change it";
        }

        private string Current(string key)
        {
            if (_staged.Contains(key)) return (string)_staged[key];
            if (_saved != null && _saved.Contains(key)) return (string)_saved[key];
            return null;
        }

        private Hashtable Merged()
        {
            Hashtable merged = new Hashtable();
            if (_saved != null)
            {
                foreach (DictionaryEntry e in _saved) merged[e.Key] = e.Value;
            }
            foreach (DictionaryEntry e in _staged) merged[e.Key] = e.Value;
            if (!merged.Contains(DeviceConfig.MqttPort)) merged[DeviceConfig.MqttPort] = "1883";
            if (!merged.Contains(DeviceConfig.MqttTls)) merged[DeviceConfig.MqttTls] = "false";
            return merged;
        }

        /// <summary>Removes any secret value and non-printable characters from a message before it goes out.</summary>
        private string Scrub(string message)
        {
            if (message == null) return "";
            // nanoFramework's string has no Replace(string, string); StringBuilder's does the same job.
            StringBuilder masked = new StringBuilder(message);
            string[] secrets = new string[] { Current(DeviceConfig.DeviceSecret), Current(DeviceConfig.WifiPass) };
            for (int i = 0; i < secrets.Length; i++)
            {
                if (secrets[i] != null && secrets[i].Length > 0) masked.Replace(secrets[i], "***");
            }
            message = masked.ToString();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < message.Length && sb.Length < 120; i++)
            {
                char c = message[i];
                sb.Append(c >= ' ' && c <= '~' ? c : ' ');
            }
            return sb.ToString();
        }

        private void Reply(string line)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
            _port.Write(bytes, 0, bytes.Length);
        }
    }
}
