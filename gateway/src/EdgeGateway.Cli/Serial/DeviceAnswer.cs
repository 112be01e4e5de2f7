namespace EdgeGateway.Cli.Serial;

/// <summary>Helpers for the device's OK/ERR lines.</summary>
internal static class DeviceAnswer
{
    public static bool IsOk(string line) => line == "OK" || line.StartsWith("OK ", StringComparison.Ordinal);

    /// <summary>The value of <c>key=value</c> in an OK line, or null.</summary>
    public static string? Field(string line, string key)
    {
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(key + "=", StringComparison.Ordinal)) return part[(key.Length + 1)..];
        }
        return null;
    }
}
