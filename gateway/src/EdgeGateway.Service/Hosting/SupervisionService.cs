using EdgeGateway.Core.Supervision;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Hosting;

/// <summary>Runs device supervision (G8) and the periodic <c>gateway_status</c> for the life of the host.</summary>
internal sealed class SupervisionService : BackgroundService
{
    private readonly DeviceSupervisor _supervisor;
    private readonly GatewayStatusReporter _status;

    public SupervisionService(DeviceSupervisor supervisor, GatewayStatusReporter status)
    {
        _supervisor = supervisor;
        _status = status;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(_supervisor.RunAsync(stoppingToken), _status.RunAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutdown
        }
    }
}
