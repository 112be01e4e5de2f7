namespace EdgeGateway.Core.Debounce;

public enum CoalesceMode
{
    /// <summary>The merged event keeps the newest envelope (panic updates, heartbeats).</summary>
    KeepLatest = 0,

    /// <summary>The merged event keeps the first envelope (a check-in keeps its first tap's time).</summary>
    KeepFirst = 1,
}
