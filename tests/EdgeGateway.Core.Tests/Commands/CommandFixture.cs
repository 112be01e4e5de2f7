using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Commands;

/// <summary>Core's command handling wired to in-memory fakes: a buffer holding the alarms, a device channel, an ack ledger.</summary>
internal sealed class CommandFixture
{
    public CommandFixture(params ISirenTester[] sirens)
    {
        Acks = new AlarmAcknowledger(Buffer, Channel, Ledger, new GatewayEventEmitter(Buffer, new GatewayIdentity("gw-1", 4), Time),
            Options, Time, NullLogger<AlarmAcknowledger>.Instance);
        Handler = new CommandHandler(Acks, Buffer, new FakeDeviceConnections("pb-1", "cb-1"), Settings, sirens,
            NullLogger<CommandHandler>.Instance);
    }

    public InMemoryEventBuffer Buffer { get; } = new();

    public FakeCommandChannel Channel { get; } = new();

    public InMemoryAckLedger Ledger { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_000_000));

    public CommandOptions Options { get; } = new() { QueueTtl = TimeSpan.FromMinutes(15), MaxQueuedPerDevice = 4 };

    public RuntimeSettings Settings { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

    public AlarmAcknowledger Acks { get; }

    public CommandHandler Handler { get; }

    /// <summary>Lets an alarm reach the gateway (the buffer's seen-set knows its id).</summary>
    public async Task<string> AlarmAsync(string dev = "pb-1", long seq = 1)
    {
        await Buffer.AppendAsync(Envelopes.Parsed(dev, seq, "panic"), Envelopes.Raw(dev, seq, "panic"), null, CancellationToken.None);
        return $"{dev}:1:{seq}";
    }

    /// <summary>The gateway's own events of <paramref name="type"/> now in the buffer, as JSON envelopes.</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> GatewayEvents(string type) => Buffer.Snapshot()
        .Where(e => e.Type == type)
        .Select(e => System.Text.Json.JsonDocument.Parse(e.Envelope).RootElement)
        .ToList();

    public Task<Contracts.Commands.CommandReply> SendAsync(string json, string source = "mqtt") =>
        Handler.HandleCommandAsync(System.Text.Encoding.UTF8.GetBytes(json), source, CancellationToken.None);
}
