using System;
using System.Collections;
using System.IO;
using System.Text;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// The host build's "flash": <c>config.txt</c> of <c>key=value</c> lines. Save writes a temp file, fsyncs it and
    /// renames it over the old one, so a crash leaves the old or the new settings, never half of them.
    /// </summary>
    public sealed class FileConfigStore : IConfigStore
    {
        private readonly string _path;

        public FileConfigStore(string directory)
        {
            Directory.CreateDirectory(directory);
            _path = System.IO.Path.Combine(directory, "config.txt");
        }

        public string FilePath => _path;

        public Hashtable Load()
        {
            if (!File.Exists(_path)) return null;
            var values = new Hashtable();
            foreach (var line in File.ReadAllLines(_path, Encoding.UTF8))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) values[line.Substring(0, eq)] = line.Substring(eq + 1);
            }
            return values;
        }

        public void Save(Hashtable values)
        {
            var sb = new StringBuilder();
            foreach (DictionaryEntry e in values) sb.Append((string)e.Key).Append('=').Append((string)e.Value).Append('\n');
            var tmp = _path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var f = new FileStream(tmp, options))
            {
                var bytes = Encoding.UTF8.GetBytes(sb.ToString());
                f.Write(bytes, 0, bytes.Length);
                f.Flush(true);
            }
            File.Move(tmp, _path, true);
        }

        public void EraseAll()
        {
            if (File.Exists(_path)) File.Delete(_path);
        }
    }
}
