namespace EdgeGateway.Storage;

/// <summary>
/// Where the buffered row of each debounce group is (<see cref="EdgeGateway.Core.Debounce.CoalesceRequest.Key"/> to seq),
/// in memory instead of an index on disk, which cost a page per keyed event. It can be in memory because a key names its
/// group's first event id, and groups live only in the debouncer's memory: after a restart no event asks for a key from
/// before it. An entry whose row has gone (forwarded, shed, merged) is simply not found; the oldest entries are dropped
/// beyond <paramref name="capacity"/>. A key not found stores the event as a row of its own (annotated with its repeat
/// count), so a lost entry makes the gateway send more, never less (G6). Writer thread only.
/// </summary>
internal sealed class CoalesceIndex(int capacity)
{
    private readonly Dictionary<string, long> _seqByKey = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string key, out long seq) => _seqByKey.TryGetValue(key, out seq);

    public void Set(string key, long seq)
    {
        if (_seqByKey.TryAdd(key, seq)) _order.Enqueue(key);
        else _seqByKey[key] = seq;
        while (_seqByKey.Count > capacity) _seqByKey.Remove(_order.Dequeue());
    }
}
