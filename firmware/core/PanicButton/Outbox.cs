using System.Collections;

namespace EdgeGateway.Firmware.Core.PanicButton
{
    /// <summary>
    /// Events not yet acknowledged by the gateway, oldest first. Entries leave only on their PUBACK, and
    /// are re-sent in order after a reconnect, so the gateway sees the device's seq order (G5).
    /// </summary>
    public sealed class Outbox
    {
        private readonly ArrayList _entries = new ArrayList();

        public int Count { get { return _entries.Count; } }

        public void Add(OutboxEntry entry) { _entries.Add(entry); }

        public OutboxEntry this[int index] { get { return (OutboxEntry)_entries[index]; } }

        /// <summary>Removes the entry whose publish had this token; null when none did.</summary>
        public OutboxEntry RemoveByToken(int token)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                OutboxEntry e = (OutboxEntry)_entries[i];
                if (e.Token == token)
                {
                    _entries.RemoveAt(i);
                    return e;
                }
            }
            return null;
        }

        /// <summary>Forgets every token: after a disconnect no earlier publish will be acked.</summary>
        public void ClearTokens()
        {
            for (int i = 0; i < _entries.Count; i++) ((OutboxEntry)_entries[i]).Token = 0;
        }
    }
}
