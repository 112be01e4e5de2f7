using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeGateway.Core.Debounce;

/// <summary>
/// Builds the envelope that stands for several events: the kept envelope plus <c>"repeat":n</c> and
/// <c>"ids":[…]</c> listing every event id it covers, so each acked event stays traceable upstream (G6).
/// </summary>
public static class CoalescedEnvelope
{
    /// <summary>The envelope of a first event of a group that is stored alone (with ids/repeat when it is a repeat).</summary>
    public static byte[] Annotate(ReadOnlySpan<byte> incoming, string incomingId, int repeat) =>
        repeat == 0 ? incoming.ToArray() : With(incoming, [incomingId], repeat);

    /// <summary>Merges <paramref name="incoming"/> into the buffered <paramref name="existing"/>.</summary>
    public static byte[] Merge(ReadOnlySpan<byte> existing, string existingId, ReadOnlySpan<byte> incoming, string incomingId, CoalesceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = IdsOf(existing, existingId);
        if (!ids.Contains(incomingId, StringComparer.Ordinal)) ids.Add(incomingId);
        var kept = request.Mode == CoalesceMode.KeepFirst ? existing : incoming;
        var repeat = Math.Max(request.Repeat, ids.Count - 1);
        return With(kept, ids, repeat);
    }

    /// <summary>The ids an envelope stands for: its <c>ids</c> array, or just its own id.</summary>
    public static List<string> IdsOf(ReadOnlySpan<byte> envelope, string ownId)
    {
        var node = JsonNode.Parse(envelope)?.AsObject();
        if (node?["ids"] is JsonArray arr) return arr.Select(n => n!.GetValue<string>()).ToList();
        return [ownId];
    }

    private static byte[] With(ReadOnlySpan<byte> envelope, IReadOnlyList<string> ids, int repeat)
    {
        var node = JsonNode.Parse(envelope)!.AsObject();
        node["repeat"] = repeat;
        var arr = new JsonArray();
        foreach (var id in ids) arr.Add((JsonNode?)JsonValue.Create(id));
        node["ids"] = arr;
        var output = new ArrayBufferWriter<byte>(envelope.Length + 64);
        using (var writer = new Utf8JsonWriter(output)) node.WriteTo(writer);
        return output.WrittenSpan.ToArray();
    }
}
