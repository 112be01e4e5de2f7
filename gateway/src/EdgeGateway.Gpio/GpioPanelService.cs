using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Gpio;

/// <summary>Runs the <see cref="GatewayPanel"/> for the life of the host; its disposal (with the host) switches every output off.</summary>
internal sealed class GpioPanelService : BackgroundService
{
    private readonly GatewayPanel _panel;

    public GpioPanelService(GatewayPanel panel) => _panel = panel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _panel.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutdown
        }
    }
}
