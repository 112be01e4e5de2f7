using System.Collections;
using EdgeGateway.Firmware.Core.Buffering;
using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>
    /// Makes event ids and envelopes and keeps them in the outbox until their PUBACK. Shared by both devices.
    /// On construction it takes the next boot counter from flash and puts the persisted entries of the last boot
    /// back at the head of the outbox, so alarms made before a reboot are sent first, in order, with their old ids.
    /// Not thread-safe on its own: the owning machine holds its lock around every call.
    /// </summary>
    public sealed class EventPublisher
    {
        private readonly string _deviceId;
        private readonly IClock _clock;
        private readonly IMqttLink _link;
        private readonly IFlashStore _flash;
        private readonly string[] _persistedTypes;
        private readonly Outbox _outbox;
        private readonly long _boot;
        private long _seq;

        public EventPublisher(string deviceId, IClock clock, IMqttLink link, IFlashStore flash, string[] persistedTypes, int outboxCapacity)
        {
            _outbox = new Outbox(outboxCapacity);
            _deviceId = deviceId;
            _clock = clock;
            _link = link;
            _flash = flash;
            _persistedTypes = persistedTypes;
            _boot = BootCounter.Next(flash);
            ArrayList restored = OutboxFlashImage.Load(flash);
            for (int i = 0; i < restored.Count; i++) _outbox.Add((OutboxEntry)restored[i]);
            RestoredCount = restored.Count;
        }

        public string DeviceId { get { return _deviceId; } }

        public long Boot { get { return _boot; } }

        /// <summary>The seq of the newest event of this boot (0 before the first).</summary>
        public long Seq { get { return _seq; } }

        public int Pending { get { return _outbox.Count; } }

        /// <summary>Events dropped since boot because the outbox was full (reported in every heartbeat).</summary>
        public long Dropped { get { return _outbox.Dropped; } }

        /// <summary>How many entries came back from flash at start.</summary>
        public int RestoredCount { get; private set; }

        public Outbox Outbox { get { return _outbox; } }

        /// <summary>Encodes, stores (in flash too for persisted types) and publishes an event. Returns its id.</summary>
        public string Emit(string type, EventData data)
        {
            _seq++;
            string id = EnvelopeEncoder.EventId(_deviceId, _boot, _seq);
            byte[] payload = EnvelopeEncoder.Encode(_deviceId, _boot, _seq, type, _clock.UnixMs, _clock.IsSynced, data);
            OutboxEntry entry = new OutboxEntry(id, type, payload);
            OutboxEntry dropped = _outbox.Add(entry);
            bool persist = OutboxFlashImage.Contains(_persistedTypes, type) && dropped != entry;
            if (dropped != null && OutboxFlashImage.Contains(_persistedTypes, dropped.Type)) persist = true;
            if (persist) OutboxFlashImage.Save(_flash, _outbox, _persistedTypes);
            // Older entries not yet in flight go first, so the gateway sees seq order.
            ResendPending();
            LastSent = entry.Token > 0;
            return id;
        }

        /// <summary>Emits and returns whether the event went out at once (for the LED).</summary>
        public bool EmitAndReport(string type, EventData data)
        {
            Emit(type, data);
            return LastSent;
        }

        /// <summary>True when the last <see cref="Emit"/> went out on the link at once.</summary>
        public bool LastSent { get; private set; }

        /// <summary>Removes the acked entry. Returns it, or null when no entry had that token.</summary>
        public OutboxEntry Acked(int token)
        {
            OutboxEntry e = _outbox.RemoveByToken(token);
            if (e != null && OutboxFlashImage.Contains(_persistedTypes, e.Type)) OutboxFlashImage.Save(_flash, _outbox, _persistedTypes);
            return e;
        }

        public void Failed(int token)
        {
            for (int i = 0; i < _outbox.Count; i++)
            {
                if (_outbox[i].Token == token) _outbox[i].Token = 0;
            }
        }

        public void Disconnected() { _outbox.ClearTokens(); }

        /// <summary>Re-sends every entry not in flight, oldest first. Returns how many went out.</summary>
        public int ResendPending()
        {
            int sent = 0;
            for (int i = 0; i < _outbox.Count; i++)
            {
                OutboxEntry e = _outbox[i];
                if (e.Token != 0) continue;
                e.Token = _link.Publish(DeviceTopics.Evt(_deviceId), e.Payload, false);
                if (e.Token == 0) break;
                sent++;
            }
            return sent;
        }
    }
}
