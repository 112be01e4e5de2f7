namespace EdgeGateway.Patrols.Model;

/// <summary>A checkpoint: the <c>checkpoint.id</c> a beacon is provisioned with, a name, and where it is (optional).</summary>
public sealed record Checkpoint(string Id, string Name, CheckpointPosition? Position);
