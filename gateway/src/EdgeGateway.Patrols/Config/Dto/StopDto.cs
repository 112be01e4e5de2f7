namespace EdgeGateway.Patrols.Config.Dto;

internal sealed class StopDto
{
    public string? Checkpoint { get; set; }

    public string? At { get; set; }

    public string? Tolerance { get; set; }

    public string? Grace { get; set; }

    public string? Walk { get; set; }
}
