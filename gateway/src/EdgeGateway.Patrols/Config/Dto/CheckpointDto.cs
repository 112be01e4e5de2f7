namespace EdgeGateway.Patrols.Config.Dto;

internal sealed class CheckpointDto
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public double? X { get; set; }

    public double? Y { get; set; }
}
