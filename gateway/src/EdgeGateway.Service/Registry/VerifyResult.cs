namespace EdgeGateway.Service.Registry;

/// <summary>The outcome of checking a device's credentials.</summary>
public enum VerifyResult
{
    Ok,
    UnknownDevice,
    WrongSecret,
    Revoked,
}
