namespace EdgeGateway.Patrols.Model;

/// <summary>Everything <c>patrols.json</c> says: checkpoints, routes and schedules, validated and cross-checked.</summary>
public sealed record PatrolPlan(
    IReadOnlyDictionary<string, Checkpoint> Checkpoints,
    IReadOnlyDictionary<string, Route> Routes,
    IReadOnlyList<Schedule> Schedules)
{
    public static readonly PatrolPlan Empty = new(
        new Dictionary<string, Checkpoint>(), new Dictionary<string, Route>(), []);

    public Schedule? FindSchedule(string id) => Schedules.FirstOrDefault(s => s.Id == id);
}
