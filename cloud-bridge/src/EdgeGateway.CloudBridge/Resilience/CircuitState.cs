namespace EdgeGateway.CloudBridge.Resilience;

internal enum CircuitState
{
    Closed = 0,
    Open,
    HalfOpen,
}
