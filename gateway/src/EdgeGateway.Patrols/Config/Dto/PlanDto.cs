namespace EdgeGateway.Patrols.Config.Dto;

/// <summary>The top of <c>patrols.json</c> as written (checked and turned into a <see cref="Model.PatrolPlan"/> by <see cref="PlanParser"/>).</summary>
internal sealed class PlanDto
{
    public List<CheckpointDto>? Checkpoints { get; set; }

    public List<RouteDto>? Routes { get; set; }

    public List<ScheduleDto>? Schedules { get; set; }
}
