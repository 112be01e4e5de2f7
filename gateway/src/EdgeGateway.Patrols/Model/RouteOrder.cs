namespace EdgeGateway.Patrols.Model;

/// <summary>Whether a route's checkpoints must be walked in the listed order, each in its own time window.</summary>
public enum RouteOrder
{
    /// <summary>In the listed order; each stop has an offset from the round's start and a tolerance.</summary>
    Ordered,

    /// <summary>In any order; every stop is due by the round's end.</summary>
    Any,
}
