namespace EdgeGateway.Core.History;

/// <summary>One page of a journal search, newest first; <paramref name="Next"/> is the cursor of the next page (null: this was the last).</summary>
public sealed record JournalPage(IReadOnlyList<JournalEntry> Items, long? Next);
