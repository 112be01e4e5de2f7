using EdgeGateway.Core.Devices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Registry;

/// <summary>
/// Once per <see cref="Interval"/>: reads the registry's revoked set and disconnects any connected revoked
/// device (so <c>edgegw device revoke</c>, run in another process, cuts a device off within about a second),
/// and writes the batched last-seen and heartbeat times.
/// </summary>
internal sealed class RegistryMaintenanceService : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly DeviceRegistry _registry;
    private readonly DeviceActivity _activity;
    private readonly DeviceAuthenticator _authenticator;
    private readonly IDeviceConnections _broker;
    private readonly ILogger _logger;

    public RegistryMaintenanceService(DeviceRegistry registry, DeviceActivity activity, DeviceAuthenticator authenticator, IDeviceConnections broker, ILogger<RegistryMaintenanceService> logger)
    {
        _registry = registry;
        _activity = activity;
        _authenticator = authenticator;
        _broker = broker;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOnceAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Flush();
        }
    }

    public async Task RunOnceAsync()
    {
        Flush();
        if (!_broker.IsRunning || !_broker.RequiresAuth) return;
        IReadOnlySet<string> revoked;
        try
        {
            revoked = _registry.RevokedIds();
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            RegistryLog.RegistryFailed(_logger, ex.Message);
            return;
        }
        if (revoked.Count == 0) return;
        foreach (var id in await _broker.ConnectedDeviceIdsAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (!revoked.Contains(id)) continue;
            _authenticator.Forget(id);
            try
            {
                if (!await _broker.DisconnectAsync(id, CancellationToken.None).ConfigureAwait(false)) continue;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                RegistryLog.RegistryFailed(_logger, "disconnect of " + id + " failed: " + ex.Message);
                continue;
            }
            RegistryLog.RevokedDisconnected(_logger, id);
        }
    }

    private void Flush()
    {
        try
        {
            _activity.FlushTo(_registry);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            RegistryLog.RegistryFailed(_logger, ex.Message);
        }
    }
}
