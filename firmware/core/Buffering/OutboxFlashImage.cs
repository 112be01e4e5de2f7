using System.Collections;
using System.Text;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Buffering
{
    /// <summary>
    /// The persisted part of the outbox as one flash record: one line per entry, <c>type TAB id TAB envelope</c>.
    /// Envelopes are single-line JSON (the encoder escapes control characters), so tabs and newlines are safe separators.
    /// </summary>
    public static class OutboxFlashImage
    {
        public const string Key = "outbox";

        public static void Save(IFlashStore flash, Outbox outbox, string[] persistedTypes)
        {
            StringBuilder sb = new StringBuilder();
            int count = 0;
            for (int i = 0; i < outbox.Count; i++)
            {
                OutboxEntry e = outbox[i];
                if (!Contains(persistedTypes, e.Type)) continue;
                sb.Append(e.Type);
                sb.Append('\t');
                sb.Append(e.EventId);
                sb.Append('\t');
                sb.Append(Encoding.UTF8.GetString(e.Payload, 0, e.Payload.Length));
                sb.Append('\n');
                count++;
            }
            if (count == 0) flash.Delete(Key);
            else flash.Write(Key, Encoding.UTF8.GetBytes(sb.ToString()));
        }

        /// <summary>The entries saved before the reboot, oldest first; skips lines that do not parse.</summary>
        public static ArrayList Load(IFlashStore flash)
        {
            ArrayList result = new ArrayList();
            byte[] raw = flash.Read(Key);
            if (raw == null || raw.Length == 0) return result;
            string text = Encoding.UTF8.GetString(raw, 0, raw.Length);
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int a = line.IndexOf('\t');
                if (a <= 0) continue;
                int b = line.IndexOf('\t', a + 1);
                if (b <= a + 1 || b == line.Length - 1) continue;
                result.Add(new OutboxEntry(line.Substring(a + 1, b - a - 1), line.Substring(0, a), Encoding.UTF8.GetBytes(line.Substring(b + 1))));
            }
            return result;
        }

        public static bool Contains(string[] types, string type)
        {
            for (int i = 0; i < types.Length; i++) if (types[i] == type) return true;
            return false;
        }
    }
}
