using System;
using System.Globalization;
using System.IO;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// The virtual device's flash for the boot counter: a small file, incremented and fsynced at each start,
    /// so event ids (<c>{dev}:{boot}:{seq}</c>) never repeat across restarts of a virtual device.
    /// </summary>
    public static class FileBootCounter
    {
        public static long Next(string directory, string deviceId)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, deviceId + ".boot");
            long boot = 0;
            if (File.Exists(path) && !long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out boot))
                throw new InvalidDataException($"boot counter file {path} is corrupt; delete it to start over");
            boot++;
            var tmp = path + ".tmp";
            using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            {
                var bytes = System.Text.Encoding.ASCII.GetBytes(boot.ToString(CultureInfo.InvariantCulture));
                f.Write(bytes, 0, bytes.Length);
                f.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
            return boot;
        }
    }
}
