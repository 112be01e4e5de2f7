using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace EdgeGateway.Console.Api;

/// <summary>
/// Listens to one <see cref="Meter"/> instance (System.Diagnostics.Metrics) and keeps prometheus-net collectors of the
/// matching kind in a registry: a <c>Counter&lt;T&gt;</c> becomes a counter named <c>{name}_total</c>, a histogram with
/// unit <c>s</c> a histogram named <c>{name}_seconds</c>, an observable gauge a gauge read at each scrape. Tags become
/// labels. prometheus-net writes the text format. (prometheus-net 8.2.1's own MeterAdapter publishes nothing on
/// .NET 10 here, and would export counters as gauges.)
/// </summary>
internal sealed class MeterBridge : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly MetricFactory _factory;
    private readonly Func<Instrument, double[]> _buckets;
    private readonly ConcurrentDictionary<Instrument, Collector> _collectors = new();

    public MeterBridge(Meter meter, CollectorRegistry registry, Func<Instrument, double[]> buckets)
    {
        _factory = Metrics.WithCustomRegistry(registry);
        _buckets = buckets;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
        registry.AddBeforeCollectCallback(() => _listener.RecordObservableInstruments());
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            // Most measurements (one per event stored) carry no tags: no label arrays to allocate, the collector itself counts.
            if (!_collectors.TryGetValue(instrument, out var unlabelled)) unlabelled = _collectors.GetOrAdd(instrument, Create(instrument, []));
            switch (unlabelled)
            {
                case Counter c: c.Inc(value); break;
                case Histogram h: h.Observe(value); break;
                case Gauge g: g.Set(value); break;
            }
            return;
        }
        var names = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            names[i] = tags[i].Key;
            values[i] = tags[i].Value?.ToString() ?? "";
        }
        var collector = _collectors.GetOrAdd(instrument, i => Create(i, names));
        switch (collector)
        {
            case Counter c: c.WithLabels(values).Inc(value); break;
            case Histogram h: h.WithLabels(values).Observe(value); break;
            case Gauge g: g.WithLabels(values).Set(value); break;
        }
    }

    private Collector Create(Instrument instrument, string[] labelNames)
    {
        var help = instrument.Description ?? instrument.Name;
        var type = instrument.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Counter<>))
            return _factory.CreateCounter(instrument.Name + "_total", help, labelNames);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>))
        {
            var name = instrument.Unit == "s" ? instrument.Name + "_seconds" : instrument.Name;
            return _factory.CreateHistogram(name, help, labelNames, new HistogramConfiguration { Buckets = _buckets(instrument) });
        }
        return _factory.CreateGauge(instrument.Name, help, labelNames);
    }

    public void Dispose() => _listener.Dispose();
}
