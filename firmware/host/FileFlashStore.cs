using System;
using System.IO;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// A virtual device's flash: one file per record, <c>{dir}/{deviceId}.{key}</c>, replaced atomically
    /// (write a temp file, fsync, rename). The boot counter file keeps the name and format of earlier versions.
    /// </summary>
    public sealed class FileFlashStore : IFlashStore
    {
        private readonly string _directory;
        private readonly string _deviceId;

        public FileFlashStore(string directory, string deviceId)
        {
            if (string.IsNullOrWhiteSpace(deviceId) || deviceId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || deviceId.Contains("..", StringComparison.Ordinal))
                throw new ArgumentException($"device id '{deviceId}' cannot name a flash file", nameof(deviceId));
            _directory = directory;
            _deviceId = deviceId;
            Directory.CreateDirectory(directory);
        }

        public byte[] Read(string key)
        {
            var path = PathOf(key);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public void Write(string key, byte[] value)
        {
            var path = PathOf(key);
            var tmp = path + ".tmp";
            using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            {
                f.Write(value, 0, value.Length);
                f.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }

        public void Delete(string key)
        {
            var path = PathOf(key);
            if (File.Exists(path)) File.Delete(path);
        }

        private string PathOf(string key) => Path.Combine(_directory, _deviceId + "." + key);
    }
}
