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
/// Windows are fixed from the group's first event. The groups live in memory: after a restart the next event
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
                var (group, repeat) = Join("panic|" + envelope.Dev, eventId, nowMs, windows.PanicWindow);
                return repeat == 0 ? null : new CoalesceRequest($"panic|{envelope.Dev}|{group.FirstId}", CoalesceMode.KeepLatest, repeat);
            }
            case EventTypes.Checkin when windows.CheckinWindow > TimeSpan.Zero:
            {
                var (card, checkpoint) = CheckinKey(envelope.Data);
                if (card is null) return null;
                var (group, repeat) = Join($"checkin|{envelope.Dev}|{card}|{checkpoint}", eventId, nowMs, windows.CheckinWindow);
                return new CoalesceRequest($"checkin|{envelope.Dev}|{group.FirstId}", CoalesceMode.KeepFirst, repeat);
            }
            case EventTypes.Heartbeat when windows.HeartbeatWindow > TimeSpan.Zero:
            {
                var (group, repeat) = Join("heartbeat|" + envelope.Dev, eventId, nowMs, windows.HeartbeatWindow);
                return new CoalesceRequest($"heartbeat|{envelope.Dev}|{group.FirstId}", CoalesceMode.KeepLatest, repeat);
            }
            default:
                return null;
        }
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
