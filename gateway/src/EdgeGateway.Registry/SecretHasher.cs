using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.Registry;

/// <summary>
/// Device secret hashing. The registry stores PBKDF2-SHA256 with a per-device 16-byte salt and
/// <see cref="Iterations"/> rounds; verification compares in constant time. Next to it the registry keeps a
/// Mosquitto <c>$7$</c> hash (PBKDF2-SHA512, the format <c>mosquitto_passwd</c> writes) computed when the secret
/// is set, so an external Mosquitto can be configured without the gateway ever keeping the secret itself.
/// </summary>
public static class SecretHasher
{
    /// <summary>
    /// 100k rounds cost ~30–60 ms on a Pi; the broker pays that only for the first connect with a given secret
    /// (verified secrets are cached as a SHA-256 digest in memory, see <see cref="DeviceAuthenticator"/>).
    /// </summary>
    public const int Iterations = 100_000;

    public const int SaltBytes = 16;

    public const int HashBytes = 32;

    /// <summary>Iterations of the Mosquitto hash (mosquitto_passwd's default is 101; more is accepted).</summary>
    public const int MosquittoIterations = 1_000;

    /// <summary>A secret of 24 random bytes (192 bits), URL-safe base64 without padding (32 characters).</summary>
    public static string NewSecret()
    {
        var bytes = RandomNumberGenerator.GetBytes(24);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Hash(string secret, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);

    public static bool Verify(string secret, byte[] salt, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret, salt), expected);

    /// <summary><c>$7$iterations$base64(salt)$base64(hash)</c>: PBKDF2-SHA512, 12-byte salt, 64-byte hash.</summary>
    public static string MosquittoHash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(12);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, MosquittoIterations, HashAlgorithmName.SHA512, 64);
        return "$7$" + MosquittoIterations + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
    }

    /// <summary>A minimum for secrets set by hand (<c>device add --secret-file</c>): at least 16 characters.</summary>
    public static string? Problem(string secret)
    {
        if (secret.Length < 16) return "the secret must be at least 16 characters (128 bits of randomness recommended)";
        if (secret.Length > 128) return "the secret must be at most 128 characters";
        foreach (var c in secret)
        {
            if (c <= ' ' || c > '~') return "the secret must be printable ASCII without spaces";
        }
        return null;
    }
}
