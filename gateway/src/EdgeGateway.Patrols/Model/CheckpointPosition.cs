namespace EdgeGateway.Patrols.Model;

/// <summary>Where a checkpoint is: latitude/longitude, or x/y on a site plan (whichever the file gives).</summary>
public sealed record CheckpointPosition(double? Lat, double? Lon, double? X, double? Y);
