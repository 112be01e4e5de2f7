namespace EdgeGateway.Firmware.Core.PanicButton
{
    /// <summary>
    /// The alarm a panic button is holding: the first <c>panic</c> since the last acknowledgement, and every later
    /// panic or cancel of the same boot while it is held (updates of it, which the gateway may coalesce). An
    /// <c>ack</c> is for this alarm when its id is <c>{dev}:{boot}:{seq}</c> with this device's id, the alarm's boot,
    /// and a seq from the alarm's first event to its latest one. Any other id (another device, another boot, an
    /// older seq, a seq the alarm never had, or no id) is not.
    /// </summary>
    public sealed class HeldAlarm
    {
        public HeldAlarm(string deviceId, long boot, long firstSeq)
        {
            DeviceId = deviceId;
            Boot = boot;
            FirstSeq = firstSeq;
            LastSeq = firstSeq;
        }

        public string DeviceId { get; private set; }

        public long Boot { get; private set; }

        public long FirstSeq { get; private set; }

        /// <summary>The seq of the alarm's latest event (a repeated panic or the cancel).</summary>
        public long LastSeq { get; private set; }

        /// <summary>A later event of the same boot joins the alarm.</summary>
        public void Extend(long seq)
        {
            if (seq > LastSeq) LastSeq = seq;
        }

        /// <summary>The alarm's id: that of its first panic.</summary>
        public string Id { get { return DeviceId + ":" + Boot.ToString() + ":" + FirstSeq.ToString(); } }

        /// <summary>Whether an ack naming <paramref name="eventId"/> is for this alarm.</summary>
        public bool Covers(string eventId)
        {
            HeldAlarm named = FromEventId(eventId);
            return named != null && named.DeviceId == DeviceId && named.Boot == Boot
                && named.FirstSeq >= FirstSeq && named.FirstSeq <= LastSeq;
        }

        /// <summary>Parses an event id into a held alarm (for a panic restored from flash); null when it is not one.</summary>
        public static HeldAlarm FromEventId(string eventId)
        {
            if (eventId == null) return null;
            int second = eventId.LastIndexOf(':');
            if (second <= 0) return null;
            int first = eventId.LastIndexOf(':', second - 1);
            if (first <= 0) return null;
            long boot = Number(eventId.Substring(first + 1, second - first - 1));
            long seq = Number(eventId.Substring(second + 1));
            if (boot < 0 || seq < 1) return null;
            return new HeldAlarm(eventId.Substring(0, first), boot, seq);
        }

        /// <summary>A decimal of 1–18 digits; -1 when the text is not one.</summary>
        private static long Number(string text)
        {
            if (text.Length == 0 || text.Length > 18) return -1;
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
