namespace EdgeGateway.Core.Patrols;

/// <summary>
/// Round reports and the rounds in progress, for the ward console (implemented by the patrol module; registered only
/// when patrols are enabled). Reads only.
/// </summary>
public interface IPatrolReports
{
    /// <summary>The rounds that started in [<paramref name="since"/>, <paramref name="until"/>), of one team or all; what <c>edgegw patrol report</c> shows.</summary>
    PatrolReport Report(DateTimeOffset since, DateTimeOffset until, string? team);

    /// <summary>The rounds not yet completed, and the checkpoints whose planned time is at or after <paramref name="since"/> and that were judged missed or late.</summary>
    PatrolActivity Activity(DateTimeOffset now, DateTimeOffset since);
}
