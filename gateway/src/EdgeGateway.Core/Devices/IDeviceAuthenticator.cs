namespace EdgeGateway.Core.Devices;

/// <summary>Checks a connecting device's id and secret (implemented by the device registry).</summary>
public interface IDeviceAuthenticator
{
    VerifyResult Verify(string deviceId, string secret);

    /// <summary>Forgets any cached verification of the device (after revoke, remove or re-add).</summary>
    void Forget(string deviceId);
}
