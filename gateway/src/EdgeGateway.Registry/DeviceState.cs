namespace EdgeGateway.Registry;

/// <summary>Whether a registered device may connect.</summary>
public enum DeviceState
{
    Active,
    Revoked,
}
