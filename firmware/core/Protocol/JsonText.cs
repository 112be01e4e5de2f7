using System.Text;

namespace EdgeGateway.Firmware.Core.Protocol
{
    /// <summary>JSON string quoting for the envelope encoder (RFC 8259 escapes).</summary>
    public static class JsonText
    {
        private const string Hex = "0123456789abcdef";

        public static string Quote(string value)
        {
            StringBuilder sb = new StringBuilder(value.Length + 2);
            sb.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            sb.Append("\\u00");
                            sb.Append(Hex[(c >> 4) & 0xF]);
                            sb.Append(Hex[c & 0xF]);
                        }
                        else
                        {
                            sb.Append(c);
                        }
                        break;
                }
            }
            sb.Append('"');
            return sb.ToString();
        }
    }
}
