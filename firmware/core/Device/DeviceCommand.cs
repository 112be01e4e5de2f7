using System.Collections;
using EdgeGateway.Firmware.Core.Protocol;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>A parsed gateway command (<c>{"cmd":"test_mode","minutes":5}</c>) and the helpers to answer it.</summary>
    public sealed class DeviceCommand
    {
        public const string Ack = "ack";
        public const string Config = "config";
        public const string Locate = "locate";
        public const string TestMode = "test_mode";
        public const string Reboot = "reboot";

        private readonly Hashtable _members;

        private DeviceCommand(string name, Hashtable members)
        {
            Name = name;
            _members = members;
        }

        public string Name { get; private set; }

        /// <summary>Parses a command payload; null when it is not a JSON object with a string <c>cmd</c>.</summary>
        public static DeviceCommand Parse(byte[] payload)
        {
            Hashtable members = FlatJson.Parse(payload);
            if (members == null) return null;
            string name = members["cmd"] as string;
            if (name == null || name.Length == 0 || name.Length > 32) return null;
            return new DeviceCommand(name, members);
        }

        public bool Has(string key) { return _members.Contains(key); }

        public string Text(string key) { return _members[key] as string; }

        /// <summary>An integer member within [min, max]; <paramref name="fallback"/> when absent; long.MinValue when present but bad.</summary>
        public long Number(string key, long min, long max, long fallback)
        {
            string text = _members[key] as string;
            if (text == null) return fallback;
            if (text.Length == 0 || text.Length > 12) return long.MinValue;
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return long.MinValue;
                value = value * 10 + (c - '0');
            }
            return value < min || value > max ? long.MinValue : value;
        }

        /// <summary>The <c>cmd_result</c> data: which command, whether it was done, why not, and the command's own id if it had one.</summary>
        public EventData Result(bool ok, string detail)
        {
            EventData data = new EventData().Add("cmd", Name).Add("ok", ok);
            if (detail != null) data.Add("detail", detail);
            string id = _members["id"] as string;
            if (id != null && id.Length <= 64) data.Add("ref", id);
            return data;
        }
    }
}
