namespace EdgeGateway.Firmware.Core.Buffering
{
    /// <summary>One encoded event waiting for its PUBACK.</summary>
    public sealed class OutboxEntry
    {
        public OutboxEntry(string eventId, string type, byte[] payload)
        {
            EventId = eventId;
            Type = type;
            Payload = payload;
        }

        public string EventId { get; private set; }

        public string Type { get; private set; }

        public byte[] Payload { get; private set; }

        /// <summary>The link token of the publish in flight; 0 when not sent on the current connection.</summary>
        public int Token { get; set; }
    }
}
