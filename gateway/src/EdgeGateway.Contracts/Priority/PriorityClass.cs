namespace EdgeGateway.Contracts;

/// <summary>The four priority classes of SPEC.md. Lower value = more urgent; the buffer drains in this order.</summary>
public enum PriorityClass
{
    /// <summary>Life-safety: never shed, never batched behind others, sent first.</summary>
    P0 = 0,

    /// <summary>Security: never shed.</summary>
    P1 = 1,

    /// <summary>Operations: shed oldest-first only when the quota is hit.</summary>
    P2 = 2,

    /// <summary>Telemetry: only the latest per device matters; shed first.</summary>
    P3 = 3,
}
