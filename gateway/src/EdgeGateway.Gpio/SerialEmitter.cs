using EdgeGateway.Core.Events;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio;

/// <summary>
/// Emits gateway events from pin callbacks without blocking them, one after another in the order they were asked
/// for (an "open" is always stored before the "closed" that follows it). A failure is logged.
/// </summary>
internal sealed class SerialEmitter
{
    private readonly GatewayEventEmitter _events;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;

    public SerialEmitter(GatewayEventEmitter events, ILogger logger)
    {
        _events = events;
        _logger = logger;
    }

    /// <summary>Completes when everything asked for so far was stored (or failed).</summary>
    public Task Drained { get { lock (_gate) return _tail; } }

    public Task Emit(string type, string data)
    {
        lock (_gate)
        {
            return _tail = EmitAfterAsync(_tail, type, data);
        }
    }

    private async Task EmitAfterAsync(Task previous, string type, string data)
    {
        await previous.ConfigureAwait(false);
        try
        {
            await _events.EmitAsync(type, data, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            GpioLog.Failed(_logger, "storing " + type, ex.Message);
        }
    }
}
