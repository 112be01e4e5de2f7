using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Gpio.Clock;

/// <summary>
/// Decides the clock source before the services after it start (its first check runs in <see cref="StartAsync"/>),
/// then checks again every <see cref="ClockOptions.CheckInterval"/>.
/// </summary>
internal sealed class ClockService : BackgroundService
{
    private readonly ClockKeeper _keeper;
    private readonly ClockOptions _options;
    private readonly TimeProvider _time;

    public ClockService(ClockKeeper keeper, ClockOptions options, TimeProvider time)
    {
        _keeper = keeper;
        _options = options;
        _time = time;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _keeper.Check();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) _keeper.Check();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutdown
        }
    }
}
