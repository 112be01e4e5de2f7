using EdgeGateway.Core.Forwarding;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Hosting;

/// <summary>Runs the <see cref="Forwarder"/> for the life of the host.</summary>
internal sealed class ForwarderService : BackgroundService
{
    private readonly Forwarder _forwarder;

    public ForwarderService(Forwarder forwarder) => _forwarder = forwarder;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _forwarder.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutdown
        }
    }
}
