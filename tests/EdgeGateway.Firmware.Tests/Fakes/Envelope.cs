using System.Text.Json;

namespace EdgeGateway.Firmware.Tests.Fakes;

/// <summary>The fields of a published envelope a test looks at.</summary>
internal sealed record Envelope(string Id, string Type, long Seq, JsonElement Data)
{
    public static Envelope Of(byte[] payload)
    {
        var e = JsonDocument.Parse(payload).RootElement;
        var id = $"{e.GetProperty("dev").GetString()}:{e.GetProperty("boot").GetInt64()}:{e.GetProperty("seq").GetInt64()}";
        return new Envelope(id, e.GetProperty("type").GetString()!, e.GetProperty("seq").GetInt64(),
            e.TryGetProperty("data", out var d) ? d.Clone() : default);
    }
}
