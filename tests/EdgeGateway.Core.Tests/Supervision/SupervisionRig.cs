using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Supervision;
using EdgeGateway.Core.Tests.Fakes;
using EdgeGateway.TestInfra.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Supervision;

/// <summary>A registry, a state store and a buffer that survive "restarts" (new supervisors), on a fake clock.</summary>
internal sealed class SupervisionRig
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(T0);

    public FakeDirectory Directory { get; } = new();

    public MemorySupervisionStore Store { get; } = new();

    public RecordingBuffer Buffer { get; } = new();

    public SupervisionOptions Options { get; } = new() { HeartbeatIntervals = { ["beacon"] = TimeSpan.FromMinutes(5) } };

    public DeviceSupervisor Supervisor { get; private set; } = null!;

    /// <summary>Starts (or restarts) the gateway's supervision at the current fake time.</summary>
    public DeviceSupervisor Start()
    {
        var events = new GatewayEventEmitter(Buffer, new GatewayIdentity("gw-test", 1), Time);
        return Supervisor = new DeviceSupervisor(Directory, Store, events, Options, Time, NullLogger<DeviceSupervisor>.Instance);
    }

    public Task CheckAtAsync(TimeSpan sinceT0)
    {
        Time.SetUtcNow(T0 + sinceT0);
        return Supervisor.CheckAsync(CancellationToken.None);
    }

    /// <summary>An event the device sent, as ingest reports it after the commit.</summary>
    public void Accepted(string device, string type, string data = "{}") =>
        Supervisor.OnAccepted(new EventEnvelope(1, device, 1, 1, type, Time.GetUtcNow().ToUnixTimeMilliseconds(), true, data), AppendOutcome.Stored);

    public IReadOnlyList<EventEnvelope> Offline => Buffer.OfType(EventTypes.DeviceOffline);

    public IReadOnlyList<EventEnvelope> Online => Buffer.OfType(EventTypes.DeviceOnline);
}
