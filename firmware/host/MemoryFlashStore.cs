using System.Collections.Concurrent;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>Flash that lasts as long as the object: for virtual devices given a fixed boot counter, and for tests of reboots in one process.</summary>
    public sealed class MemoryFlashStore : IFlashStore
    {
        private readonly ConcurrentDictionary<string, byte[]> _records = new();

        /// <summary>Flash whose boot counter makes the next start boot number <paramref name="nextBoot"/>.</summary>
        public static MemoryFlashStore WithNextBoot(long nextBoot)
        {
            var store = new MemoryFlashStore();
            store.Write("boot", System.Text.Encoding.ASCII.GetBytes((nextBoot - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return store;
        }

        public byte[] Read(string key) => _records.TryGetValue(key, out var v) ? (byte[])v.Clone() : null;

        public void Write(string key, byte[] value) => _records[key] = (byte[])value.Clone();

        public void Delete(string key) => _records.TryRemove(key, out _);
    }
}
