using System.Collections;
using System.Text;

namespace EdgeGateway.Firmware.Core.Protocol
{
    /// <summary>
    /// Reads the top-level members of a small JSON object into a Hashtable of strings
    /// (strings unescaped; numbers, true/false/null as their literal text; nested values skipped).
    /// Returns null for anything malformed. Enough for gateway commands; no allocation-heavy parser on the MCU.
    /// </summary>
    public static class FlatJson
    {
        public const int MaxLength = 4096;

        public static Hashtable Parse(byte[] utf8)
        {
            if (utf8 == null || utf8.Length == 0 || utf8.Length > MaxLength) return null;
            string text;
            try { text = new string(Encoding.UTF8.GetChars(utf8)); }
            catch (System.Exception) { return null; }
            return Parse(text);
        }

        public static Hashtable Parse(string text)
        {
            Hashtable result = new Hashtable();
            int i = SkipWs(text, 0);
            if (i >= text.Length || text[i] != '{') return null;
            i = SkipWs(text, i + 1);
            if (i < text.Length && text[i] == '}') return SkipWs(text, i + 1) == text.Length ? result : null;
            while (true)
            {
                string key = ReadString(text, ref i);
                if (key == null) return null;
                i = SkipWs(text, i);
                if (i >= text.Length || text[i] != ':') return null;
                i = SkipWs(text, i + 1);
                if (i >= text.Length) return null;
                string value;
                char c = text[i];
                if (c == '"') value = ReadString(text, ref i);
                else if (c == '{' || c == '[') value = SkipNested(text, ref i) ? "" : null;
                else value = ReadLiteral(text, ref i);
                if (value == null) return null;
                result[key] = value;
                i = SkipWs(text, i);
                if (i >= text.Length) return null;
                if (text[i] == ',') { i = SkipWs(text, i + 1); continue; }
                if (text[i] == '}') return SkipWs(text, i + 1) == text.Length ? result : null;
                return null;
            }
        }

        private static int SkipWs(string s, int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
            return i;
        }

        private static string ReadString(string s, ref int i)
        {
            if (i >= s.Length || s[i] != '"') return null;
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.Length)
            {
                char c = s[i++];
                if (c == '"') return sb.ToString();
                if (c < ' ') return null;
                if (c != '\\') { sb.Append(c); continue; }
                if (i >= s.Length) return null;
                char e = s[i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (i + 4 > s.Length) return null;
                        int code = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            int h = HexValue(s[i + k]);
                            if (h < 0) return null;
                            code = (code << 4) | h;
                        }
                        sb.Append((char)code);
                        i += 4;
                        break;
                    default: return null;
                }
            }
            return null;
        }

        private static string ReadLiteral(string s, ref int i)
        {
            int start = i;
            while (i < s.Length)
            {
                char c = s[i];
                bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' || c == 'E';
                if (!ok) break;
                i++;
            }
            if (i == start) return null;
            string lit = s.Substring(start, i - start);
            if (lit == "true" || lit == "false" || lit == "null") return lit;
            for (int k = 0; k < lit.Length; k++)
            {
                char c = lit[k];
                if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) return null;
            }
            return lit;
        }

        private static bool SkipNested(string s, ref int i)
        {
            int depth = 0;
            while (i < s.Length)
            {
                char c = s[i];
                if (c == '"')
                {
                    if (ReadString(s, ref i) == null) return false;
                    continue;
                }
                i++;
                if (c == '{' || c == '[') { depth++; if (depth > 8) return false; }
                else if (c == '}' || c == ']') { depth--; if (depth == 0) return true; }
            }
            return false;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
