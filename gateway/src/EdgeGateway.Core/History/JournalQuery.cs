namespace EdgeGateway.Core.History;

/// <summary>
/// A search of the journal, newest first. Null filters match everything. <paramref name="BeforeSeq"/> is the keyset
/// cursor: only entries older than it (the <c>next</c> of the previous page), so a page costs the same however deep.
/// </summary>
/// <param name="FromMs">Received at or after (Unix ms).</param>
/// <param name="ToMs">Received before (Unix ms).</param>
public sealed record JournalQuery(string? Device, string? Type, long? FromMs, long? ToMs, long? BeforeSeq, int Limit);
