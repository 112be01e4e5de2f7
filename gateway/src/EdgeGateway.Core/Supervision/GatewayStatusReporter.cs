using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Clock;
using EdgeGateway.Core.Events;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Supervision;

/// <summary>
/// The gateway reports itself upstream: <c>gateway_status</c> (P3) once at start and every
/// <see cref="SupervisionOptions.StatusInterval"/>, with the buffer depth per class, the uplink's state, how many
/// supervised devices are online and offline, and where the time comes from.
/// </summary>
public sealed class GatewayStatusReporter
{
    private readonly IEventBuffer _buffer;
    private readonly IUplink _uplink;
    private readonly IDeviceSupervision _devices;
    private readonly ReferenceClock _clock;
    private readonly GatewayEventEmitter _events;
    private readonly SupervisionOptions _options;
    private readonly ILogger _logger;

    public GatewayStatusReporter(IEventBuffer buffer, IUplink uplink, IDeviceSupervision devices, ReferenceClock clock, GatewayEventEmitter events,
        SupervisionOptions options, ILogger<GatewayStatusReporter> logger)
    {
        _buffer = buffer;
        _uplink = uplink;
        _devices = devices;
        _clock = clock;
        _events = events;
        _options = options;
        _logger = logger;
    }

    /// <summary>The status as it stands now (the <c>data</c> of <c>gateway_status</c>).</summary>
    public async Task<string> SnapshotJsonAsync(CancellationToken cancellationToken)
    {
        var backlog = await _buffer.BacklogByClassAsync(cancellationToken).ConfigureAwait(false);
        var devices = _devices.Current();
        var online = devices.Count(d => d.Online);
        return JsonSerializer.Serialize(new GatewayStatusData(
            _buffer.Count,
            new BacklogCounts(At(backlog, 0), At(backlog, 1), At(backlog, 2), At(backlog, 3)),
            new UplinkSummary(_uplink.Name, _uplink.State.ToString().ToLowerInvariant()),
            new DeviceCounts(online, devices.Count - online),
            _clock.Source.ToString().ToLowerInvariant()), CoreJsonContext.Default.GatewayStatusData);
    }

    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _events.EmitAsync(EventTypes.GatewayStatus, await SnapshotJsonAsync(cancellationToken).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            SupervisionLog.Failed(_logger, "store gateway_status", ex.Message);
        }
    }

    /// <summary>Reports every <see cref="SupervisionOptions.StatusInterval"/>, the first one interval after start (the start itself
    /// shows upstream as the MQTT uplink's retained presence <c>online</c>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.StatusInterval, _clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await ReportAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static long At(IReadOnlyList<long> backlog, int i) => i < backlog.Count ? backlog[i] : 0;
}
