namespace EdgeGateway.Patrols.Config.Dto;

internal sealed class ScheduleDto
{
    public string? Id { get; set; }

    public string? Route { get; set; }

    public string? Team { get; set; }

    public string? Cron { get; set; }

    public string? TimeZone { get; set; }

    public string? MaxDuration { get; set; }
}
