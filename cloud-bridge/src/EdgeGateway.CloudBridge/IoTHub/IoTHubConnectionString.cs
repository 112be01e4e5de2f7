namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// A device connection string, <c>HostName=…;DeviceId=…;SharedAccessKey=…</c>. The key never appears in
/// <see cref="ToString"/>, in exceptions or in logs.
/// </summary>
public sealed class IoTHubConnectionString
{
    private IoTHubConnectionString(string hostName, string deviceId, byte[] key)
    {
        HostName = hostName;
        DeviceId = deviceId;
        Key = key;
    }

    /// <summary>The hub's host name, e.g. <c>contoso.azure-devices.net</c>.</summary>
    public string HostName { get; }

    public string DeviceId { get; }

    /// <summary>The decoded device key (HMAC key of the SAS token).</summary>
    internal byte[] Key { get; }

    /// <summary>Parses a device connection string; throws <see cref="FormatException"/> naming what is wrong (never the key).</summary>
    public static IoTHubConnectionString Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("the IoT Hub connection string is empty");
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=');
            if (eq <= 0) throw new FormatException("the IoT Hub connection string has a part without 'name=value'");
            var name = segment[..eq];
            if (!parts.TryAdd(name, segment[(eq + 1)..])) throw new FormatException($"the IoT Hub connection string names '{name}' twice");
        }
        if (parts.ContainsKey("SharedAccessKeyName"))
            throw new FormatException("this is a hub-level (service policy) connection string; the gateway needs its own device connection string (HostName, DeviceId, SharedAccessKey)");
        if (parts.ContainsKey("ModuleId")) throw new FormatException("module identities are not supported; use a device connection string");
        var host = Require(parts, "HostName");
        var device = Require(parts, "DeviceId");
        var keyText = Require(parts, "SharedAccessKey");
        if (host.Contains('/') || host.Contains(':') || host.Contains(' ')) throw new FormatException("HostName in the IoT Hub connection string must be a bare host name, like contoso.azure-devices.net");
        if (device.Length > 128) throw new FormatException("DeviceId in the IoT Hub connection string is longer than 128 characters");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            throw new FormatException("SharedAccessKey in the IoT Hub connection string is not valid base64");
        }
        if (key.Length < 16) throw new FormatException("SharedAccessKey in the IoT Hub connection string is too short (under 16 bytes)");
        return new IoTHubConnectionString(host, device, key);
    }

    private static string Require(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new FormatException($"the IoT Hub connection string has no {name}");

    public override string ToString() => $"HostName={HostName};DeviceId={DeviceId};SharedAccessKey=***";
}
