namespace EdgeGateway.Patrols.Model;

/// <summary>
/// One checkpoint of a route. For an ordered route a tap is on time from the round's start until <see cref="At"/> +
/// <see cref="Tolerance"/>, late until <see cref="Grace"/> after that, and the checkpoint is missed when the grace
/// ends without a tap. For an any-order route the three are zero and the stop is due by the round's end.
/// </summary>
/// <param name="Walk">The least time a walker needs from the previous checkpoint to this one.</param>
public sealed record RouteStop(string Checkpoint, TimeSpan At, TimeSpan Tolerance, TimeSpan Grace, TimeSpan Walk)
{
    /// <summary>When the stop's window closes, from the round's start (ordered routes).</summary>
    public TimeSpan Closes => At + Tolerance + Grace;
}
