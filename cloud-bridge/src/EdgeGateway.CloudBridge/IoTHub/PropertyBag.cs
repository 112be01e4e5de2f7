using System.Text;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>IoT Hub's MQTT property bag: <c>key=value&amp;key=value</c>, each key and value URL-encoded.</summary>
public static class PropertyBag
{
    public static string Encode(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in properties)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return sb.ToString();
    }

    /// <summary>Decodes a bag (a leading <c>?</c> is ignored). A key without <c>=</c> has an empty value.</summary>
    public static Dictionary<string, string> Decode(string bag)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in bag.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            result[key] = value;
        }
        return result;
    }
}
