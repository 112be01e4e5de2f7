using System.Collections;
using EdgeGateway.Firmware.Core.Protocol;

namespace EdgeGateway.Firmware.Core.Buffering
{
    /// <summary>
    /// Events not yet acknowledged by the gateway, oldest first. Entries leave on their PUBACK and are re-sent in
    /// order after a reconnect, so the gateway sees the device's seq order (G5).
    /// The outbox holds at most <see cref="Capacity"/> entries that may be shed. When it is full, room is made by
    /// dropping the oldest heartbeat (P3) first, then the oldest P2 event (checkin, test, boot, cmd_result). Alarms
    /// (panic, cancel, tamper, battery_low: P0/P1) are never dropped: they are always added, even past the capacity,
    /// and live in flash until their PUBACK. When nothing can be shed, the new event itself is dropped (unless it is
    /// an alarm). Every drop adds one to <see cref="Dropped"/>, which the next heartbeat reports.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>The default capacity: 64 entries of ≤ 1 KB, well inside an ESP32's free heap.</summary>
        public const int DefaultCapacity = 64;

        private readonly ArrayList _entries = new ArrayList();
        private readonly int _capacity;

        public Outbox(int capacity)
        {
            _capacity = capacity < 1 ? 1 : capacity;
        }

        public int Capacity { get { return _capacity; } }

        public int Count { get { return _entries.Count; } }

        /// <summary>Events dropped to respect the capacity since this outbox was made (since boot).</summary>
        public long Dropped { get; private set; }

        public OutboxEntry this[int index] { get { return (OutboxEntry)_entries[index]; } }

        /// <summary>True for the types that are never dropped.</summary>
        public static bool IsAlarm(string type)
        {
            return type == DeviceEventTypes.Panic || type == DeviceEventTypes.Cancel
                || type == DeviceEventTypes.Tamper || type == DeviceEventTypes.BatteryLow;
        }

        /// <summary>
        /// Adds the entry, making room as described on the class. Returns the entry dropped to make room (or the new
        /// entry itself when it could not be kept), or null when nothing was dropped.
        /// </summary>
        public OutboxEntry Add(OutboxEntry entry)
        {
            OutboxEntry dropped = null;
            if (CountSheddable() >= _capacity && !IsAlarm(entry.Type))
            {
                int victim = OldestOfType(DeviceEventTypes.Heartbeat);
                if (victim < 0) victim = OldestSheddable();
                if (victim < 0 || (entry.Type == DeviceEventTypes.Heartbeat && this[victim].Type != DeviceEventTypes.Heartbeat))
                {
                    // Only alarms (or only older P2 while this is a heartbeat, which goes first): drop the newcomer.
                    Dropped++;
                    return entry;
                }
                dropped = this[victim];
                _entries.RemoveAt(victim);
                Dropped++;
            }
            _entries.Add(entry);
            return dropped;
        }

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

        private int CountSheddable()
        {
            int n = 0;
            for (int i = 0; i < _entries.Count; i++) if (!IsAlarm(this[i].Type)) n++;
            return n;
        }

        private int OldestOfType(string type)
        {
            for (int i = 0; i < _entries.Count; i++) if (this[i].Type == type) return i;
            return -1;
        }

        private int OldestSheddable()
        {
            for (int i = 0; i < _entries.Count; i++) if (!IsAlarm(this[i].Type)) return i;
            return -1;
        }
    }
}
