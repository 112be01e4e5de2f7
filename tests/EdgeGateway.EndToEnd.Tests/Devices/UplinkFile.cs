using System.Text.Json;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.Devices;

/// <summary>Reads the gateway's file sink (one upstream JSON object a line) and waits for events in it.</summary>
internal sealed class UplinkFile(string path)
{
    public List<JsonElement> Lines()
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var result = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            try { result.Add(JsonDocument.Parse(line).RootElement.Clone()); }
            catch (JsonException) { /* a line being written right now */ }
        }
        return result;
    }

    /// <summary>Whether the line carries this event id, as its id or inside a coalesced <c>ids</c> list.</summary>
    public static bool Carries(JsonElement line, string id)
    {
        if (line.TryGetProperty("id", out var one) && one.GetString() == id) return true;
        return line.TryGetProperty("ids", out var many) && many.ValueKind == JsonValueKind.Array
            && many.EnumerateArray().Any(e => e.GetString() == id);
    }

    public async Task<JsonElement> WaitForAsync(string type, string id, TimeSpan timeout)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(() =>
        {
            foreach (var line in Lines())
            {
                if (line.GetProperty("type").GetString() == type && Carries(line, id))
                {
                    found = line;
                    return true;
                }
            }
            return false;
        }, timeout, $"{type} {id} in the uplink file").ConfigureAwait(false);
        return found;
    }

    public async Task<JsonElement> WaitForTypeAsync(string type, string device, TimeSpan timeout)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(() =>
        {
            foreach (var line in Lines())
            {
                if (line.GetProperty("type").GetString() == type && line.GetProperty("dev").GetString() == device)
                {
                    found = line;
                    return true;
                }
            }
            return false;
        }, timeout, $"a {type} from {device} in the uplink file").ConfigureAwait(false);
        return found;
    }
}
