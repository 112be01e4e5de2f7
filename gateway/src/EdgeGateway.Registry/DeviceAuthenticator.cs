using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EdgeGateway.Core.Devices;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Registry;

/// <summary>
/// Checks a connecting device's id and secret against the registry. A secret verified once is remembered as
/// a SHA-256 digest (with the registry salt it was verified against, so a re-registered device with a new
/// secret is checked afresh): reconnect storms after a gateway restart cost one PBKDF2 per device, not one
/// per connect. The device's state is read from the registry on every connect, so revocation wins at once.
/// A wrong secret does not evict the cached one (an attacker must not make the real device pay PBKDF2 again), and an
/// unknown id costs one PBKDF2 against a dummy salt, as a known id with a wrong secret does, so timing does not tell
/// which ids exist.
/// </summary>
internal sealed class DeviceAuthenticator : IDeviceAuthenticator
{
    private static readonly byte[] DummySalt = SecretHasher.NewSalt();

    private readonly DeviceRegistry _registry;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (byte[] Salt, byte[] Digest)> _verified = new(StringComparer.Ordinal);

    public DeviceAuthenticator(DeviceRegistry registry, ILogger<DeviceAuthenticator> logger)
    {
        _registry = registry;
        _logger = logger;
    }

    public VerifyResult Verify(string id, string secret)
    {
        try
        {
            return VerifyOrThrow(id, secret);
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            RegistryLog.RegistryFailed(_logger, ex.Message);
            return VerifyResult.Unavailable;
        }
    }

    private VerifyResult VerifyOrThrow(string id, string secret)
    {
        var stamp = _registry.StampOf(id);
        if (stamp is not { } current)
        {
            _verified.TryRemove(id, out _);
            _ = SecretHasher.Hash(secret, DummySalt); // the same cost as a known id's wrong secret
            return VerifyResult.UnknownDevice;
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(id + "\n" + secret));
        if (_verified.TryGetValue(id, out var known) && known.Salt.AsSpan().SequenceEqual(current.Salt)
            && CryptographicOperations.FixedTimeEquals(known.Digest, digest))
        {
            return current.State == DeviceState.Revoked ? VerifyResult.Revoked : VerifyResult.Ok;
        }
        var result = _registry.Verify(id, secret);
        if (result == VerifyResult.Ok) _verified[id] = (current.Salt, digest);
        else if (result != VerifyResult.WrongSecret) _verified.TryRemove(id, out _);
        return result;
    }

    /// <summary>Forgets a device's cached verification (after revoke, remove or re-add).</summary>
    public void Forget(string id) => _verified.TryRemove(id, out _);
}
