namespace EdgeGateway.Patrols.Config.Dto;

internal sealed class RouteDto
{
    public string? Id { get; set; }

    /// <summary><c>ordered</c> (default) or <c>any</c>.</summary>
    public string? Order { get; set; }

    public string? MinWalk { get; set; }

    public List<StopDto>? Stops { get; set; }
}
