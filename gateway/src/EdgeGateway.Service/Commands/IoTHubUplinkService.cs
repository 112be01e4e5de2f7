using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Commands;

/// <summary>Keeps the IoT Hub link up between sends (C2D, methods, twin, token renewal) when the uplink is IoT Hub.</summary>
internal sealed class IoTHubUplinkService : BackgroundService
{
    private readonly IUplink _uplink;

    public IoTHubUplinkService(IUplink uplink) => _uplink = uplink;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _uplink is IoTHubUplink hub ? hub.RunAsync(stoppingToken) : Task.CompletedTask;
}
