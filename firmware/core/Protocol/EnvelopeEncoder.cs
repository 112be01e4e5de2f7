using System.Text;

namespace EdgeGateway.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes the SPEC.md envelope as UTF-8 JSON:
    /// <c>{"v":1,"dev":"pb-0042","boot":17,"seq":1234,"type":"panic","ts":1763900000123,"sync":true,"data":{}}</c>.
    /// </summary>
    public static class EnvelopeEncoder
    {
        public const int Version = 1;

        public static string EncodeToString(string deviceId, long boot, long seq, string type, long ts, bool synced, EventData data)
        {
            StringBuilder sb = new StringBuilder(128);
            sb.Append("{\"v\":");
            sb.Append(Version.ToString());
            sb.Append(",\"dev\":");
            sb.Append(JsonText.Quote(deviceId));
            sb.Append(",\"boot\":");
            sb.Append(boot.ToString());
            sb.Append(",\"seq\":");
            sb.Append(seq.ToString());
            sb.Append(",\"type\":");
            sb.Append(JsonText.Quote(type));
            sb.Append(",\"ts\":");
            sb.Append(ts.ToString());
            sb.Append(",\"sync\":");
            sb.Append(synced ? "true" : "false");
            sb.Append(",\"data\":");
            if (data == null) sb.Append("{}"); else data.WriteTo(sb);
            sb.Append('}');
            return sb.ToString();
        }

        public static byte[] Encode(string deviceId, long boot, long seq, string type, long ts, bool synced, EventData data)
        {
            return Encoding.UTF8.GetBytes(EncodeToString(deviceId, boot, seq, type, ts, synced, data));
        }

        /// <summary>The event id, <c>{dev}:{boot}:{seq}</c>.</summary>
        public static string EventId(string deviceId, long boot, long seq)
        {
            return deviceId + ":" + boot.ToString() + ":" + seq.ToString();
        }
    }
}
