namespace EdgeGateway.Console.Audit;

/// <summary>One line of the audit log: who did what to which target, and how it ended.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Operator, string Action, string Target, string Result, string Address);
