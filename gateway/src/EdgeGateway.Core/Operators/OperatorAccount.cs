namespace EdgeGateway.Core.Operators;

/// <summary>One local console account as stored (no password, only its PBKDF2 hash).</summary>
/// <param name="Stamp">Changes with every password or role change; sessions issued before it are void.</param>
/// <param name="TokenHash">SHA-256 of the operator's API token (hex), or null when none was issued.</param>
public sealed record OperatorAccount(
    string Name,
    OperatorRole Role,
    string Salt,
    string Hash,
    int Iterations,
    string Stamp,
    string? TokenHash,
    DateTimeOffset Created);
