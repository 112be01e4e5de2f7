namespace EdgeGateway.Core.Patrols;

/// <summary>What is happening on patrol now: the rounds still open (each checkpoint's state) and the checkpoints missed or late since <see cref="Since"/>.</summary>
public sealed record PatrolActivity(DateTimeOffset Now, DateTimeOffset Since, IReadOnlyList<RoundReport> InProgress, IReadOnlyList<CheckpointAlert> MissedAndLate);
