using EdgeGateway.Core.Commands;

namespace EdgeGateway.Core.Tests.Fakes;

internal sealed class InMemoryAckLedger : IAckLedger
{
    private readonly Dictionary<string, AckRecord> _records = new(StringComparer.Ordinal);

    public AckRecord? Find(string eventId) { lock (_records) return _records.GetValueOrDefault(eventId); }

    public void Put(AckRecord record) { lock (_records) _records[record.EventId] = record; }

    public AckRecord? FindByCommand(string commandId)
    {
        lock (_records) return _records.Values.FirstOrDefault(r => r.CommandId == commandId);
    }

    public IReadOnlyList<AckRecord> Recent(int max)
    {
        lock (_records) return _records.Values.OrderByDescending(r => r.At).Take(max).ToList();
    }
}
