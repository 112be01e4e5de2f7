using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Alarms;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Events;
using EdgeGateway.TestInfra.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Gpio.Tests;

/// <summary>
/// The gateway board on a <see cref="FakeGpioDriver"/> and a fake clock, with Core's real alarm board, ack path and
/// command handler behind it (the buffer, ledger and device channel are in-memory).
/// </summary>
internal sealed class PanelRig : IDisposable
{
    /// <param name="lidShut">False: the tamper switch is open when the gateway starts (the pull-up reads high).</param>
    public PanelRig(Action<GpioOptions>? configure = null, bool lidShut = true)
    {
        Options = new GpioOptions { Enabled = true, Driver = GpioOptions.FakeDriver, Siren = { MaxSounding = TimeSpan.FromSeconds(10) } };
        configure?.Invoke(Options);
        Driver = new FakeGpioDriver(Time);
        if (lidShut) Driver.Drive(Options.Tamper.Pin, high: false);
        var events = new GatewayEventEmitter(Buffer, new GatewayIdentity("gw-test", 1), Time);
        Acks = new AlarmAcknowledger(Buffer, new DeliveringCommandChannel(), new MemoryAckLedger(), events, new CommandOptions(), Time,
            NullLogger<AlarmAcknowledger>.Instance);
        Alarms = new AlarmBoard(Acks, Time, NullLogger<AlarmBoard>.Instance);
        Panel = new GatewayPanel(Driver, Options, Alarms, Uplink, Buffer, events, Time, NullLogger<GatewayPanel>.Instance);
        Commands = new CommandHandler(Acks, Buffer, new NoDeviceConnections(), new RuntimeSettings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            [Panel], NullLogger<CommandHandler>.Instance);
        Panel.Siren.Start();
        Panel.Tamper.Start();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));

    public FakeGpioDriver Driver { get; }

    public GpioOptions Options { get; }

    public RecordingBuffer Buffer { get; } = new();

    public FakeUplink Uplink { get; } = new();

    public AlarmAcknowledger Acks { get; }

    public AlarmBoard Alarms { get; }

    public GatewayPanel Panel { get; }

    public CommandHandler Commands { get; }

    public bool Siren => Driver.IsHigh(Options.Siren.Pin) != Options.Siren.ActiveLow;

    public bool Green => Driver.IsHigh(Options.GreenLed.Pin);

    public bool Amber => Driver.IsHigh(Options.AmberLed.Pin);

    public bool Red => Driver.IsHigh(Options.RedLed.Pin);

    /// <summary>A panic from a device, committed and reported by ingest as the pipeline does; returns its event id.</summary>
    public string Panic(string device, long seq = 1)
    {
        var e = new EventEnvelope(1, device, 7, seq, EventTypes.Panic, Time.GetUtcNow().ToUnixTimeMilliseconds(), true, "{}");
        Buffer.AppendAsync(e, default, null, CancellationToken.None).GetAwaiter().GetResult();
        Alarms.OnAccepted(e, AppendOutcome.Stored);
        return e.Id.ToString();
    }

    public Task<Contracts.Commands.CommandReply> CloudAsync(string json) =>
        Commands.HandleCommandAsync(Encoding.UTF8.GetBytes(json), "cloud", CancellationToken.None);

    public void Advance(double milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Presses (true) or releases the test button, with contact bounce shorter than the debounce first.</summary>
    public void Button(bool pressed)
    {
        var pin = Options.Button.Pin;
        Driver.Drive(pin, high: !pressed);
        Advance(5);
        Driver.Drive(pin, high: pressed);
        Advance(5);
        Driver.Drive(pin, high: !pressed);
    }

    public void Dispose() => Panel.Dispose();
}
