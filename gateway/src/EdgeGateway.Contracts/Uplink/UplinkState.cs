namespace EdgeGateway.Contracts.Uplink;

public enum UplinkState
{
    Disconnected = 0,
    Connecting,
    Connected,
}
