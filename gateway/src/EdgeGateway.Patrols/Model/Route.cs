namespace EdgeGateway.Patrols.Model;

/// <summary>A route: its stops in order (or in any order) and the default least walking time between checkpoints.</summary>
public sealed record Route(string Id, RouteOrder Order, IReadOnlyList<RouteStop> Stops, TimeSpan MinWalk);
