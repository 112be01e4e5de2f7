using System.Globalization;
using EdgeGateway.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Hosting;

/// <summary>
/// Talks to systemd over <c>$NOTIFY_SOCKET</c> (sd_notify): <c>READY=1</c> once the host has started (the broker
/// listens), then, when systemd asked for a watchdog (<c>$WATCHDOG_USEC</c>, <c>WatchdogSec=</c> in the unit),
/// <c>WATCHDOG=1</c> every half period, but only while every part in the <see cref="LivenessRegistry"/> ticked
/// within <see cref="WatchdogOptions.StaleAfter"/>. A hung part stops the pings and systemd restarts the gateway.
/// Without a watchdog it still watches, and logs a part that hangs and one that recovers.
/// </summary>
internal sealed class SystemdWatchdogService : BackgroundService
{
    private static readonly ServiceState Watchdog = new("WATCHDOG=1");

    private readonly LivenessRegistry _liveness;
    private readonly ISystemdNotifier _notifier;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly bool _lifetimeSendsReady;
    private readonly ILogger _logger;

    public SystemdWatchdogService(LivenessRegistry liveness, ISystemdNotifier notifier, IHostApplicationLifetime lifetime, IHostLifetime hostLifetime,
        ILogger<SystemdWatchdogService> logger)
    {
        _liveness = liveness;
        _notifier = notifier;
        _lifetime = lifetime;
        _lifetimeSendsReady = hostLifetime is SystemdLifetime; // started by systemd: AddSystemd's lifetime sends READY=1 itself
        _logger = logger;
    }

    /// <summary>Half of systemd's watchdog period, or null when systemd asked for none (or for another process).</summary>
    public static TimeSpan? PingInterval()
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (!long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var us) || us <= 0) return null;
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture)) return null;
        return TimeSpan.FromMicroseconds(us / 2.0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken).ConfigureAwait(false)) return;
        if (!_lifetimeSendsReady) Notify(ServiceState.Ready);
        var ping = _notifier.IsEnabled ? PingInterval() : null;
        WatchdogLog.Watching(_logger, string.Join(", ", _liveness.Names()), ping?.TotalMilliseconds ?? 0, _liveness.Options.StaleAfter.TotalSeconds);
        using var timer = new PeriodicTimer(ping ?? _liveness.TickInterval);
        var wasHung = false;
        try
        {
            do
            {
                var stale = _liveness.Stale();
                if (stale.Count == 0)
                {
                    if (ping is not null) Notify(Watchdog);
                    if (wasHung) WatchdogLog.Recovered(_logger);
                    wasHung = false;
                }
                else if (!wasHung)
                {
                    wasHung = true;
                    WatchdogLog.Hung(_logger, string.Join(", ", stale.Select(s => $"{s.Name} ({s.Age.TotalSeconds:0.#} s)")),
                        ping is not null ? "no more WATCHDOG=1: systemd will restart the gateway" : "no systemd watchdog to restart it");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Notify(ServiceState state)
    {
        try
        {
            _notifier.Notify(state);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or ObjectDisposedException)
        {
            WatchdogLog.NotifyFailed(_logger, state.ToString(), ex.Message);
        }
    }
}
