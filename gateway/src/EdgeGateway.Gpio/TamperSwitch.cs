using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio;

/// <summary>
/// The enclosure's tamper switch, debounced: opening sends <c>gateway_tamper</c> (P1) with <c>"state":"open"</c>,
/// closing again a <c>gateway_tamper</c> with <c>"state":"closed"</c> (the restore). An enclosure already open at
/// start is reported once.
/// </summary>
internal sealed class TamperSwitch : IDisposable
{
    private readonly DebouncedInput _input;
    private readonly SerialEmitter _events;
    private readonly ILogger _logger;

    public TamperSwitch(PanelPins pins, InputPinOptions options, SerialEmitter events, TimeProvider time, ILogger logger)
    {
        _events = events;
        _logger = logger;
        _input = new DebouncedInput(() => pins.TamperOpen, options.Debounce, time, Report);
        pins.OnTamperEdge(_input.Edge);
    }

    public bool Open => _input.Stable;

    public void Start()
    {
        if (_input.Stable) Report(true);
    }

    private void Report(bool open)
    {
        var state = open ? "open" : "closed";
        GpioLog.Tamper(_logger, state);
        _events.Emit(EventTypes.GatewayTamper, JsonSerializer.Serialize(new TamperData(state), GpioJsonContext.Default.TamperData));
    }

    public void Dispose() => _input.Dispose();
}
