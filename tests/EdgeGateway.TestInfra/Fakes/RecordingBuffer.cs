using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;

namespace EdgeGateway.TestInfra.Fakes;

/// <summary>An in-memory <see cref="IEventBuffer"/> for unit tests of Core and of hardware adapters: keeps what was appended; can be made to refuse.</summary>
public sealed class RecordingBuffer : IEventBuffer
{
    private readonly List<EventEnvelope> _appended = [];

    public bool Full { get; set; }

    public IReadOnlyList<EventEnvelope> Appended { get { lock (_appended) return [.. _appended]; } }

    public IReadOnlyList<EventEnvelope> OfType(string type) => Appended.Where(e => e.Type == type).ToList();

    public static JsonElement Data(EventEnvelope e) => JsonDocument.Parse(e.Data).RootElement;

    public long Count => Appended.Count;

    public List<BufferedEvent> Waiting { get; } = [];

    public Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CoalesceRequest? coalesce, CancellationToken cancellationToken)
    {
        if (Full) throw new BufferFullException("test: the buffer is full");
        lock (_appended) _appended.Add(envelope);
        return Task.FromResult(AppendOutcome.Stored);
    }

    public Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, IReadOnlyList<long> afterSeqByClass, PriorityClass lowest, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BufferedEvent>>(Waiting.Take(max).ToList());

    public Task DeleteAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WaitForAppendAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task<bool> HasSeenAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(Appended.Any(e => e.Id.ToString() == eventId));

    public Task<IReadOnlyList<long>> BacklogByClassAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([0, 0, 0, Appended.Count]);
}
