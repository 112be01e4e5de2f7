using System.Text.Json;
using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Core.Debounce;

/// <summary>
/// Decides, per event, whether it belongs to a debounce group (SPEC G6):
/// <list type="bullet">
/// <item>panic: the first of a window is plain and goes up at once; later ones in the window are updates with a
///   rising <c>repeat</c>, coalesced among themselves while still buffered.</item>
/// <item>checkin: the same card at the same checkpoint within the window is one check-in (the first tap kept).</item>
/// <item>heartbeat: replaces the still-buffered previous one of its device.</item>
/// </list>
/// Windows are fixed from the group's first event; one buffered update stands for at most
/// <see cref="DebounceOptions.MaxIdsPerUpdate"/> events, then the group goes on in a new one. The groups live in memory: after a restart the next event
/// starts a new group, which can only make the gateway send more, never less.
/// </summary>
public sealed class Debouncer
{
    private const int PruneAbove = 10_000;

    private readonly IDebounceSettings _settings;
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public Debouncer(IDebounceSettings settings) => _settings = settings;

    /// <summary>The coalescing request for <paramref name="envelope"/>, or null when it is stored as it is.</summary>
    public CoalesceRequest? Decide(EventEnvelope envelope, string eventId, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var windows = _settings.Current;
        switch (envelope.Type)
        {
            case EventTypes.Panic when windows.PanicWindow > TimeSpan.Zero:
            {
                // The first panic goes up alone; the updates after it are merged among themselves.
                var (group, repeat) = Join("panic|" + envelope.Dev, eventId, nowMs, windows.PanicWindow);
                return repeat == 0 ? null : new CoalesceRequest(RowKey($"panic|{envelope.Dev}|{group.FirstId}", repeat - 1, windows), CoalesceMode.KeepLatest, repeat);
            }
            case EventTypes.Checkin when windows.CheckinWindow > TimeSpan.Zero:
            {
                var (card, checkpoint) = CheckinKey(envelope.Data);
                if (card is null) return null;
                var (group, repeat) = Join($"checkin|{envelope.Dev}|{card}|{checkpoint}", eventId, nowMs, windows.CheckinWindow);
                return new CoalesceRequest(RowKey($"checkin|{envelope.Dev}|{group.FirstId}", repeat, windows), CoalesceMode.KeepFirst, repeat);
            }
            case EventTypes.Heartbeat when windows.HeartbeatWindow > TimeSpan.Zero:
            {
                var (group, repeat) = Join("heartbeat|" + envelope.Dev, eventId, nowMs, windows.HeartbeatWindow);
                return new CoalesceRequest(RowKey($"heartbeat|{envelope.Dev}|{group.FirstId}", repeat, windows), CoalesceMode.KeepLatest, repeat);
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// The buffered row the <paramref name="index"/>-th merged event of a group goes to: each row stands for at most
    /// <see cref="DebounceOptions.MaxIdsPerUpdate"/> events. Without the bound, a merge (which re-queues the row at the
    /// back) could keep one row from ever reaching the head of a backlog while it grew with every event, each merge
    /// rewriting more bytes and slowing the writer that the backlog waits on.
    /// </summary>
    private static string RowKey(string groupKey, int index, DebounceOptions windows)
    {
        var row = index / windows.MaxIdsPerUpdate;
        return row == 0 ? groupKey : $"{groupKey}|{row}";
    }

    private (Group Group, int Repeat) Join(string key, string eventId, long nowMs, TimeSpan window)
    {
        lock (_lock)
        {
            if (_groups.TryGetValue(key, out var g) && nowMs - g.StartMs < (long)window.TotalMilliseconds && nowMs >= g.StartMs)
            {
                g.Count++;
                return (g, g.Count - 1);
            }
            if (_groups.Count >= PruneAbove) Prune(nowMs);
            g = new Group(eventId, nowMs);
            _groups[key] = g;
            return (g, 0);
        }
    }

    private void Prune(long nowMs)
    {
        var w = _settings.Current;
        var longest = (long)new[] { w.PanicWindow, w.CheckinWindow, w.HeartbeatWindow }.Max().TotalMilliseconds;
        foreach (var k in _groups.Where(p => nowMs - p.Value.StartMs >= longest).Select(p => p.Key).ToList()) _groups.Remove(k);
    }

    /// <summary>The card and checkpoint of a check-in's <c>data</c> (<c>card</c>, <c>checkpoint</c>), or nulls.</summary>
    private static (string? Card, string? Checkpoint) CheckinKey(string data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            var card = doc.RootElement.TryGetProperty("card", out var c) ? c.ToString() : null;
            var cp = doc.RootElement.TryGetProperty("checkpoint", out var p) ? p.ToString() : "";
            return (card, cp);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private sealed class Group(string firstId, long startMs)
    {
        public string FirstId { get; } = firstId;

        public long StartMs { get; } = startMs;

        public int Count { get; set; } = 1;
    }
}
