using System.IO;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// Records as files on the ESP32's internal flash file system (drive <c>I:</c>). A write goes to a temp file
    /// first, then replaces the record, so a power cut leaves the old or the new record.
    /// </summary>
    public sealed class FileFlashStore : IFlashStore
    {
        private const string Root = "I:\\";

        public byte[] Read(string key)
        {
            string path = Root + key;
            if (!File.Exists(path))
            {
                // A power cut after the delete below: the temp file holds the newest complete record.
                if (!File.Exists(path + ".tmp")) return null;
                path = path + ".tmp";
            }
            using (FileStream f = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                byte[] data = new byte[(int)f.Length];
                int read = 0;
                while (read < data.Length)
                {
                    int n = f.Read(data, read, data.Length - read);
                    if (n <= 0) break;
                    read += n;
                }
                return data;
            }
        }

        public void Write(string key, byte[] value)
        {
            string path = Root + key;
            string tmp = path + ".tmp";
            using (FileStream f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            {
                f.Write(value, 0, value.Length);
                f.Flush();
            }
            if (File.Exists(path)) File.Delete(path);
            File.Move(tmp, path);
        }

        public void Delete(string key)
        {
            string path = Root + key;
            if (File.Exists(path)) File.Delete(path);
            if (File.Exists(path + ".tmp")) File.Delete(path + ".tmp");
        }
    }
}
