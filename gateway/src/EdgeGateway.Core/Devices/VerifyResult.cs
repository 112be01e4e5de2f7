namespace EdgeGateway.Core.Devices;

/// <summary>The outcome of checking a device's credentials.</summary>
public enum VerifyResult
{
    Ok,
    UnknownDevice,
    WrongSecret,
    Revoked,

    /// <summary>The registry could not be read (disk, lock): the device is told to come back later, not refused.</summary>
    Unavailable,
}
