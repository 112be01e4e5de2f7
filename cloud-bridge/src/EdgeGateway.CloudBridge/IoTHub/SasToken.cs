using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// IoT Hub shared access signatures: <c>SharedAccessSignature sr={urlencoded resource}&amp;sig={urlencoded base64
/// HMAC-SHA256(key, urlencoded resource + "\n" + expiry)}&amp;se={expiry, Unix seconds}</c>.
/// </summary>
public static class SasToken
{
    /// <summary>The resource a device token grants: <c>{host}/devices/{deviceId}</c>.</summary>
    public static string DeviceResource(string hostName, string deviceId) => $"{hostName}/devices/{Uri.EscapeDataString(deviceId)}";

    public static string Create(string resource, ReadOnlySpan<byte> key, DateTimeOffset expiresAt)
    {
        var encodedResource = Uri.EscapeDataString(resource);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(encodedResource, expiry, key);
        return $"SharedAccessSignature sr={encodedResource}&sig={Uri.EscapeDataString(signature)}&se={expiry}";
    }

    /// <summary>Base64 HMAC-SHA256 over <c>{encodedResource}\n{expiry}</c>.</summary>
    public static string Sign(string encodedResource, string expiry, ReadOnlySpan<byte> key)
    {
        var toSign = Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry);
        return Convert.ToBase64String(HMACSHA256.HashData(key, toSign));
    }
}
