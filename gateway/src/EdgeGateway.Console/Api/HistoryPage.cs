namespace EdgeGateway.Console.Api;

/// <summary>One page of <c>GET /api/v1/history</c>, newest first; <paramref name="Next"/> is the <c>before</c> of the next page (null: this was the last).</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryItemView> Items, long? Next);
