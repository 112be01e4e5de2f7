using Microsoft.Extensions.Logging;

namespace EdgeGateway.Patrols;

/// <summary>Log events of the patrol module (event ids 5500–5549). Card UIDs are logged, member names are not.</summary>
internal static partial class PatrolsLog
{
    [LoggerMessage(5500, LogLevel.Information, "patrols {File}: {Checkpoints} checkpoints, {Routes} routes, {Schedules} schedules loaded")]
    public static partial void PlanLoaded(ILogger logger, string file, int checkpoints, int routes, int schedules);

    [LoggerMessage(5501, LogLevel.Error, "patrols {Problem}")]
    public static partial void PlanProblem(ILogger logger, string problem);

    [LoggerMessage(5502, LogLevel.Warning, "patrols {File} is not usable ({Count} problems above); {Keeping}")]
    public static partial void PlanRefused(ILogger logger, string file, int count, string keeping);

    [LoggerMessage(5503, LogLevel.Information, "patrols {File} not found: no rounds are scheduled until it exists")]
    public static partial void PlanMissing(ILogger logger, string file);

    [LoggerMessage(5504, LogLevel.Error, "patrols the engine failed and retries on its next tick: {Reason}")]
    public static partial void EngineFailed(ILogger logger, string reason);

    [LoggerMessage(5505, LogLevel.Warning, "patrols could not store a {Type} event yet (kept, retried): {Reason}")]
    public static partial void EmitFailed(ILogger logger, string type, string reason);

    [LoggerMessage(5506, LogLevel.Debug, "patrols {Type} {Data}")]
    public static partial void Emitted(ILogger logger, string type, string data);

    [LoggerMessage(5507, LogLevel.Warning, "patrols check-in {EventId} has no uid/checkpoint in its data; not counted for a round")]
    public static partial void CheckinUnreadable(ILogger logger, string eventId);

    [LoggerMessage(5508, LogLevel.Error, "patrols check-in {EventId} dropped by the engine's queue (full); it is still upstream")]
    public static partial void QueueFull(ILogger logger, string eventId);

    [LoggerMessage(5509, LogLevel.Information, "patrols card {Uid} enrolled at {Beacon} for team {Team}")]
    public static partial void Enrolled(ILogger logger, string uid, string beacon, string team);

    [LoggerMessage(5510, LogLevel.Information, "patrols check-in {EventId} at {Checkpoint} card {Uid}: round {Round} {Verdict} flags [{Flags}]")]
    public static partial void Recorded(ILogger logger, string eventId, string checkpoint, string uid, string round, string verdict, string flags);
}
