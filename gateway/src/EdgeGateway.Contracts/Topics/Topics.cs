using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Contracts;

/// <summary>The device ↔ gateway topics: <c>sec/v1/{deviceId}/evt|state|cmd</c>.</summary>
public static class Topics
{
    public const string Prefix = "sec/v1/";
    public const string EvtLeaf = "evt";
    public const string StateLeaf = "state";
    public const string CmdLeaf = "cmd";

    public static string Evt(string deviceId) => Prefix + deviceId + "/" + EvtLeaf;

    public static string State(string deviceId) => Prefix + deviceId + "/" + StateLeaf;

    public static string Cmd(string deviceId) => Prefix + deviceId + "/" + CmdLeaf;

    /// <summary>Splits <c>sec/v1/{id}/{leaf}</c>; false for any other shape or an invalid device id.</summary>
    public static bool TryParse(string topic, out string deviceId, out string leaf)
    {
        deviceId = "";
        leaf = "";
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0) return false;
        var dev = rest[..slash];
        var tail = rest[(slash + 1)..];
        if (!DeviceIds.IsValid(dev) || tail.IsEmpty || tail.Contains('/')) return false;
        deviceId = dev.ToString();
        leaf = tail.ToString();
        return true;
    }
}
