namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>The fixed topics of IoT Hub's MQTT device protocol.</summary>
public static class IoTHubTopics
{
    public const string MethodsPrefix = "$iothub/methods/POST/";
    public const string MethodsFilter = "$iothub/methods/POST/#";
    public const string TwinResponsePrefix = "$iothub/twin/res/";
    public const string TwinResponseFilter = "$iothub/twin/res/#";
    public const string TwinDesiredPrefix = "$iothub/twin/PATCH/properties/desired/";
    public const string TwinDesiredFilter = "$iothub/twin/PATCH/properties/desired/#";

    public static string Username(string hostName, string deviceId) => $"{hostName}/{deviceId}/?api-version=2021-04-12";

    public static string EventsPrefix(string deviceId) => $"devices/{deviceId}/messages/events/";

    public static string Events(string deviceId, string propertyBag) => EventsPrefix(deviceId) + propertyBag;

    public static string DeviceBoundPrefix(string deviceId) => $"devices/{deviceId}/messages/devicebound/";

    public static string DeviceBoundFilter(string deviceId) => DeviceBoundPrefix(deviceId) + "#";

    public static string MethodResponse(int status, string requestId) => $"$iothub/methods/res/{status}/?$rid={requestId}";

    public static string TwinGet(string requestId) => $"$iothub/twin/GET/?$rid={requestId}";

    public static string TwinPatchReported(string requestId) => $"$iothub/twin/PATCH/properties/reported/?$rid={requestId}";

    /// <summary>Splits <c>{prefix}{name}/?{bag}</c> (methods) or <c>{prefix}{status}/?{bag}</c> (twin responses).</summary>
    public static bool TrySplit(string topic, string prefix, out string segment, out Dictionary<string, string> bag)
    {
        segment = "";
        bag = [];
        if (!topic.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = topic[prefix.Length..];
        var slash = rest.IndexOf('/');
        if (slash <= 0) return false;
        segment = rest[..slash];
        bag = PropertyBag.Decode(rest[(slash + 1)..]);
        return true;
    }
}
