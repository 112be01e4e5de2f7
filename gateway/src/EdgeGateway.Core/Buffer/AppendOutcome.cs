namespace EdgeGateway.Core.Buffer;

public enum AppendOutcome
{
    /// <summary>Committed; it will be forwarded.</summary>
    Stored = 0,

    /// <summary>The id was seen before; acked, not stored again (G6).</summary>
    Duplicate = 1,

    /// <summary>Committed, merged into a still-buffered event of its debounce group (its id is listed in that event's <c>ids</c>).</summary>
    Coalesced = 2,
}
