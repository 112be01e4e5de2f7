using System.Text.Json;

namespace EdgeGateway.Bench;

/// <summary>What one upstream message stands for.</summary>
internal static class Upstream
{
    /// <summary>
    /// Every event id an upstream message carries: its <c>id</c>, and the ids a coalesced envelope lists (G6: heartbeats
    /// and repeats merged into one message name every event they cover).
    /// </summary>
    public static IEnumerable<string> IdsOf(byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var ids = new List<string> { doc.RootElement.GetProperty("id").GetString()! };
        if (doc.RootElement.TryGetProperty("evt", out var evt) && evt.TryGetProperty("ids", out var merged))
            ids.AddRange(merged.EnumerateArray().Select(i => i.GetString()!));
        return ids;
    }
}
