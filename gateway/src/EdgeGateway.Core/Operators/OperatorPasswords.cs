using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.Core.Operators;

/// <summary>
/// Operator password hashing: PBKDF2-HMAC-SHA256 with a 16-byte random salt and <see cref="Iterations"/> rounds
/// (OWASP's figure for PBKDF2-SHA256), compared in constant time. API tokens are 256-bit random values, so a
/// single SHA-256 suffices for them.
/// </summary>
public static class OperatorPasswords
{
    public const int Iterations = 600_000;

    public const int MinLength = 10;

    public const int MaxLength = 128;

    public static (string Salt, string Hash) Hash(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (Convert.ToBase64String(salt), Convert.ToBase64String(Derive(password, salt, iterations)));
    }

    public static bool Verify(string password, OperatorAccount account)
    {
        if (password.Length > MaxLength) return false;
        var expected = Convert.FromBase64String(account.Hash);
        return CryptographicOperations.FixedTimeEquals(Derive(password, Convert.FromBase64String(account.Salt), account.Iterations), expected);
    }

    /// <summary>Null when acceptable, else what is wrong with the password.</summary>
    public static string? Problem(string password)
    {
        if (password.Length < MinLength) return $"the password must be at least {MinLength} characters";
        if (password.Length > MaxLength) return $"the password must be at most {MaxLength} characters";
        return null;
    }

    /// <summary>A random password of 20 URL-safe characters (120 bits), for generated accounts such as the demo's.</summary>
    public static string NewPassword() => NewSecret(15);

    /// <summary>A random API token (256 bits), prefixed so it is recognisable in a script.</summary>
    public static string NewToken() => "egw_" + NewSecret(32);

    public static string TokenHash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
}
