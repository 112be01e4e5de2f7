namespace EdgeGateway.Core.Commands;

/// <summary>A local siren output that can be sounded briefly on request (implemented by the GPIO layer when a siren is wired).</summary>
public interface ISirenTester
{
    Task SoundAsync(TimeSpan duration, CancellationToken cancellationToken);
}
