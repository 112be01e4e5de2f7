using System.Text.Json;

namespace EdgeGateway.TestInfra;

/// <summary>
/// Reads the event ids an upstream message stands for: its <c>id</c> plus any coalesced <c>evt.ids</c>; for a batch
/// message of the MQTT uplink (<c>{"batch":n,"ids":[…],"events":[…]}</c>) those of every event in it.
/// </summary>
public static class UpstreamIds
{
    public static IReadOnlyList<string> Of(byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var ids = new List<string>();
        if (root.TryGetProperty("events", out var events))
            foreach (var e in events.EnumerateArray()) Add(ids, e);
        else Add(ids, root);
        return ids;
    }

    private static void Add(List<string> ids, JsonElement message)
    {
        ids.Add(message.GetProperty("id").GetString()!);
        if (message.GetProperty("evt").TryGetProperty("ids", out var arr))
            foreach (var i in arr.EnumerateArray()) if (!ids.Contains(i.GetString()!)) ids.Add(i.GetString()!);
    }

    /// <summary>Every id delivered upstream so far, with how many times it arrived.</summary>
    public static Dictionary<string, int> Count(IEnumerable<(string Topic, byte[] Payload)> messages)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, p) in messages)
            foreach (var id in Of(p)) counts[id] = counts.GetValueOrDefault(id) + 1;
        return counts;
    }
}
