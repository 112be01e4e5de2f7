using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace EdgeGateway.Bench;

/// <summary>
/// What an offered load (scenarios 11 and 12) measures: PUBACK latencies of publishes sent while measuring, re-sends,
/// panics from press to PUBACK and to the upstream broker, and the event ids that arrive upstream (distinct and repeated;
/// a coalesced update counts every id it lists).
/// </summary>
internal sealed class LoadFigures
{
    private readonly ConcurrentBag<double> _pubackMs = [];
    private readonly ConcurrentBag<double> _panicAckMs = [];
    private readonly ConcurrentDictionary<string, long> _panicsPressed = new();
    private readonly ConcurrentDictionary<string, double> _panicsUpMs = new();
    private readonly ConcurrentDictionary<string, byte> _panicsAcked = new();
    private readonly ConcurrentDictionary<string, byte> _upstream = new();
    private long _resends;
    private long _duplicates;
    private long _messages;
    private volatile bool _measuring;

    /// <summary>PUBACKs received while measuring.</summary>
    public int AckedCount => _pubackMs.Count;

    public long Resends => Interlocked.Read(ref _resends);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Distinct event ids seen upstream.</summary>
    public long Delivered => _upstream.Count;

    /// <summary>Upstream messages seen.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Panics pressed while measuring and acked by the broker.</summary>
    public int PanicsAcked => _panicsAcked.Count;

    public int PanicsUp => _panicsUpMs.Count;

    /// <summary>Panics acked by the broker that have not arrived upstream.</summary>
    public int PanicsMissing => _panicsAcked.Keys.Count(id => !_panicsUpMs.ContainsKey(id));

    public void StartMeasuring() => _measuring = true;

    public void Pressed(string id, long at)
    {
        if (_measuring) _panicsPressed[id] = at;
    }

    public void Acked(string type, string id, long sent, long pressed)
    {
        var now = Stopwatch.GetTimestamp();
        if (!_measuring) return;
        _pubackMs.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        if (type != "panic" || !_panicsPressed.ContainsKey(id)) return;
        _panicAckMs.Add(Stopwatch.GetElapsedTime(pressed, now).TotalMilliseconds);
        _panicsAcked.TryAdd(id, 0);
    }

    public void Resent() => Interlocked.Increment(ref _resends);

    /// <summary>
    /// One upstream message: the gateway's (<c>id</c>, the envelope in <c>evt</c> with, when coalesced, the <c>ids</c> it
    /// stands for) or a raw envelope (Mosquitto's bridge).
    /// </summary>
    public void Upstream(byte[] payload)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _messages);
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var envelope = root.TryGetProperty("evt", out var evt) ? evt : root; // the gateway's uplink wraps the envelope
        if (envelope.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in ids.EnumerateArray()) Arrived(id.GetString()!, now);
        }
        else if (root.TryGetProperty("id", out var id))
        {
            Arrived(id.GetString()!, now);
        }
        else if (root.TryGetProperty("dev", out var dev))
        {
            Arrived($"{dev.GetString()}:{root.GetProperty("boot").GetInt64()}:{root.GetProperty("seq").GetInt64()}", now); // a raw envelope (Mosquitto's bridge)
        }
    }

    private void Arrived(string id, long now)
    {
        if (!_upstream.TryAdd(id, 0)) Interlocked.Increment(ref _duplicates);
        if (_panicsPressed.TryGetValue(id, out var pressed)) _panicsUpMs.TryAdd(id, Stopwatch.GetElapsedTime(pressed, now).TotalMilliseconds);
    }

    /// <summary>Waits until every panic pressed while measuring is upstream, or <paramref name="grace"/> has passed.</summary>
    public async Task WaitForPanicsAsync(TimeSpan grace)
    {
        var sw = Stopwatch.StartNew();
        while (_panicsAcked.Keys.Any(id => !_panicsUpMs.ContainsKey(id)) && sw.Elapsed < grace) await Task.Delay(20);
    }

    public double PubackPercentile(double p) => Percentile(_pubackMs, p);

    public double PanicAckPercentile(double p) => Percentile(_panicAckMs, p);

    /// <summary>Press to upstream of the acked panics; one acked but not (yet) upstream counts as <paramref name="missingMs"/>.</summary>
    public double PanicUpPercentile(double p, double missingMs)
    {
        var missing = Enumerable.Repeat(missingMs, _panicsAcked.Keys.Count(id => !_panicsUpMs.ContainsKey(id)));
        return Percentile(_panicsUpMs.Values.Concat(missing), p);
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
    }
}
