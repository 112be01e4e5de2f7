using System.Text;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>
    /// The boot counter in flash: read, incremented and written back once per start, so event ids
    /// (<c>{dev}:{boot}:{seq}</c>) never repeat across reboots.
    /// </summary>
    public static class BootCounter
    {
        public const string Key = "boot";

        public static long Next(IFlashStore flash)
        {
            long boot = Parse(flash.Read(Key));
            boot++;
            flash.Write(Key, Encoding.UTF8.GetBytes(boot.ToString()));
            return boot;
        }

        /// <summary>The stored counter; 0 when absent. A corrupt record throws: reusing ids would be worse than stopping.</summary>
        public static long Parse(byte[] stored)
        {
            if (stored == null || stored.Length == 0) return 0;
            long value = 0;
            for (int i = 0; i < stored.Length; i++)
            {
                byte b = stored[i];
                if (b == (byte)'\n' || b == (byte)'\r' || b == (byte)' ') continue;
                if (b < (byte)'0' || b > (byte)'9' || value > 100000000000L) throw new System.InvalidOperationException("boot counter record is corrupt");
                value = value * 10 + (b - (byte)'0');
            }
            return value;
        }
    }
}
