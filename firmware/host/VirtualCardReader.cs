using System.Collections.Concurrent;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>A card reader fed by the simulator or a test: each <see cref="Present"/> is one card read on the next poll.</summary>
    public sealed class VirtualCardReader : ICardReader
    {
        private readonly ConcurrentQueue<byte[]> _cards = new();

        public void Present(byte[] uid) => _cards.Enqueue(uid);

        public byte[] TryReadUid() => _cards.TryDequeue(out var uid) ? uid : null;
    }
}
