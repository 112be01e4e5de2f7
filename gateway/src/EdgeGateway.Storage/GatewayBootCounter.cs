using System.Globalization;

namespace EdgeGateway.Storage;

/// <summary>
/// The gateway's boot counter (the <c>boot</c> of its own events' ids), one higher each start, in the file
/// <c>gateway-boot</c> in the data directory. Written to a temporary file, flushed to disk and renamed over the
/// old one, so a power cut leaves either the old or the new value, never a torn one.
/// </summary>
public static class GatewayBootCounter
{
    public const string FileName = "gateway-boot";

    /// <summary>Reads, increments and durably stores the counter; returns the new value (1 on a fresh data directory).</summary>
    public static long Next(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        long current = 0;
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out current) || current < 0)
                throw new InvalidDataException($"{path} does not hold a boot counter (found '{(text.Length > 20 ? text[..20] : text)}'); restore it or delete it to start again at 1");
        }
        var next = current + 1;
        var temp = path + ".tmp";
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture) + "\n");
            f.Write(bytes);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        return next;
    }
}
