using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Hosting;

/// <summary>Runs the inbound side of the configured uplink (if it has one: IoT Hub, MQTT) for the life of the host.</summary>
internal sealed class HostedUplinkService : BackgroundService
{
    private readonly IReadOnlyList<IHostedUplink> _uplinks;

    public HostedUplinkService(IEnumerable<IHostedUplink> uplinks) => _uplinks = uplinks.ToList();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_uplinks.Select(u => u.RunAsync(stoppingToken)));
}
