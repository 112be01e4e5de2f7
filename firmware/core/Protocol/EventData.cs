using System.Collections;

namespace EdgeGateway.Firmware.Core.Protocol
{
    /// <summary>The flat <c>data</c> object of an event: string, integer and boolean members, in order.</summary>
    public sealed class EventData
    {
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        public int Count { get { return _keys.Count; } }

        public EventData Add(string key, string value) { return Put(key, JsonText.Quote(value)); }

        public EventData Add(string key, long value) { return Put(key, value.ToString()); }

        public EventData Add(string key, bool value) { return Put(key, value ? "true" : "false"); }

        /// <summary>Appends <c>{"k":v,…}</c> to the builder.</summary>
        public void WriteTo(System.Text.StringBuilder sb)
        {
            sb.Append('{');
            for (int i = 0; i < _keys.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(JsonText.Quote((string)_keys[i]));
                sb.Append(':');
                sb.Append((string)_values[i]);
            }
            sb.Append('}');
        }

        private EventData Put(string key, string json)
        {
            _keys.Add(key);
            _values.Add(json);
            return this;
        }
    }
}
