using System.Collections;
using System.Text;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>
    /// The device's configuration as one flash record (<c>config</c>): <c>key=value</c> lines closed by an
    /// <c>#end</c> line. The flash store replaces a record atomically; the end line also makes a record cut short
    /// (a power cut during the very first write, when there is no old record to fall back to) read as absent,
    /// so the device comes up unprovisioned instead of locked with half a configuration.
    /// </summary>
    public sealed class FlashConfigStore : IConfigStore
    {
        public const string Key = "config";
        private const string End = "#end";

        private readonly IFlashStore _flash;

        public FlashConfigStore(IFlashStore flash)
        {
            _flash = flash;
        }

        public Hashtable Load()
        {
            byte[] raw = _flash.Read(Key);
            if (raw == null || raw.Length == 0) return null;
            string[] lines = Encoding.UTF8.GetString(raw, 0, raw.Length).Split('\n');
            Hashtable values = new Hashtable();
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line == End) return values;
                int eq = line.IndexOf('=');
                if (eq > 0) values[line.Substring(0, eq)] = line.Substring(eq + 1);
            }
            return null;
        }

        public void Save(Hashtable values)
        {
            StringBuilder sb = new StringBuilder();
            foreach (DictionaryEntry e in values)
            {
                sb.Append((string)e.Key);
                sb.Append('=');
                sb.Append((string)e.Value);
                sb.Append('\n');
            }
            sb.Append(End);
            sb.Append('\n');
            _flash.Write(Key, Encoding.UTF8.GetBytes(sb.ToString()));
        }

        public void EraseAll()
        {
            _flash.Delete(Key);
        }
    }
}
