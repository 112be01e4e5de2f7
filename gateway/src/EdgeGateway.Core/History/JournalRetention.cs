namespace EdgeGateway.Core.History;

/// <summary>How long the journal keeps events, and the most bytes its file may hold (oldest dropped first).</summary>
public sealed record JournalRetention(TimeSpan Keep, long MaxBytes);
