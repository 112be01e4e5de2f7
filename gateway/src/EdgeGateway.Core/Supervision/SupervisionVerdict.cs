namespace EdgeGateway.Core.Supervision;

public enum SupervisionVerdict
{
    Unchanged,
    WentOffline,
    CameBack,
}
