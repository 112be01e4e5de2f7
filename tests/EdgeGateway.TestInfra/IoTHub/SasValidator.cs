using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.TestInfra.IoTHub;

/// <summary>
/// Checks a device SAS token as IoT Hub documents it: <c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…</c>, where
/// sig = base64(HMAC-SHA256(base64-decoded device key, sr (URL-encoded) + "\n" + se)), sr names the device, se is in the future.
/// Written from Microsoft's "Control access to IoT Hub with SAS" documentation, independently of the uplink.
/// </summary>
internal static class SasValidator
{
    public static string? Problem(string? password, string hostName, string deviceId, byte[] key, DateTimeOffset now, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        const string scheme = "SharedAccessSignature ";
        if (password is null || !password.StartsWith(scheme, StringComparison.Ordinal)) return "password is not a SharedAccessSignature";
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in password[scheme.Length..].Split('&'))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return "malformed token field";
            fields[part[..eq]] = part[(eq + 1)..];
        }
        if (!fields.TryGetValue("sr", out var srEncoded) || !fields.TryGetValue("sig", out var sigEncoded) || !fields.TryGetValue("se", out var se))
            return "token lacks sr, sig or se";
        var resource = WebUtilityDecode(srEncoded);
        var expected = $"{hostName}/devices/{deviceId}";
        if (!string.Equals(resource.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase)) return $"token resource '{resource}' is not '{expected}'";
        if (!long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return "se is not a number";
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (expiresAt <= now) return "token expired";
        var toSign = Encoding.UTF8.GetBytes(srEncoded + "\n" + se);
        var computed = HMACSHA256.HashData(key, toSign);
        byte[] given;
        try
        {
            given = Convert.FromBase64String(WebUtilityDecode(sigEncoded));
        }
        catch (FormatException)
        {
            return "sig is not base64";
        }
        return CryptographicOperations.FixedTimeEquals(computed, given) ? null : "signature does not match the device key";
    }

    private static string WebUtilityDecode(string s) => Uri.UnescapeDataString(s);
}
