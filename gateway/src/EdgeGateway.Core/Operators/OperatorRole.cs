namespace EdgeGateway.Core.Operators;

/// <summary>What a console operator may do; each role includes the ones before it.</summary>
public enum OperatorRole
{
    /// <summary>Sees alarms and acknowledges them.</summary>
    Operator = 1,

    /// <summary>Also acts on devices (locate, test mode, revoke, label).</summary>
    Technician = 2,

    /// <summary>Also sees operators and the audit log.</summary>
    Admin = 3,
}
