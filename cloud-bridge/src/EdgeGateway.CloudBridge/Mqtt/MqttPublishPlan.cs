using System.Buffers;
using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>
/// The MQTT messages one batch of events becomes. By default one message per event, on
/// <see cref="MqttUplinkOptions.TopicTemplate"/>. With <see cref="MqttUplinkOptions.BatchRoutine"/> on, P2 and P3 events
/// (routine traffic: check-ins, heartbeats, tests) go together on <see cref="MqttUplinkOptions.BatchTopic"/> as
/// <c>{"gw":"gw-1","batch":3,"ids":["…","…","…"],"events":[{…},{…},{…}]}</c>, each element the same JSON a single
/// message carries, at most <see cref="MqttUplinkOptions.BatchMaxBytes"/> per message. Alarms and other P0/P1 events
/// always go alone on their own topic. Order is kept: messages are listed in the batch's order, and a run of routine
/// events is cut where an event that goes alone comes between.
/// </summary>
internal static class MqttPublishPlan
{
    public static List<(string Topic, byte[] Payload)> Of(IReadOnlyList<UplinkMessage> batch, string gatewayId, MqttUplinkOptions options)
    {
        var plan = new List<(string, byte[])>(options.BatchRoutine ? 4 : batch.Count);
        var run = new List<byte[]>();
        var runIds = new List<string>();
        var runBytes = 0;
        var batchTopic = options.BatchTopic.Replace("{gw}", gatewayId, StringComparison.Ordinal);
        foreach (var m in batch)
        {
            var single = UplinkPayload.Format(m, gatewayId);
            if (!options.BatchRoutine || m.Priority is PriorityClass.P0 or PriorityClass.P1)
            {
                Flush();
                plan.Add((TopicTemplate.Expand(options.TopicTemplate, gatewayId, m), single));
                continue;
            }
            if (run.Count > 0 && runBytes + single.Length + m.EventId.Length + 8 > options.BatchMaxBytes) Flush();
            run.Add(single);
            runIds.Add(m.EventId);
            runBytes += single.Length + m.EventId.Length + 8;
        }
        Flush();
        return plan;

        void Flush()
        {
            if (run.Count == 0) return;
            plan.Add((batchTopic, Batch(gatewayId, runIds, run)));
            run.Clear();
            runIds.Clear();
            runBytes = 0;
        }
    }

    private static byte[] Batch(string gatewayId, List<string> ids, List<byte[]> events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Sum(e => e.Length) + (ids.Count * 48) + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("gw", gatewayId);
            writer.WriteNumber("batch", events.Count);
            writer.WriteStartArray("ids");
            foreach (var id in ids) writer.WriteStringValue(id);
            writer.WriteEndArray();
            writer.WriteStartArray("events");
            foreach (var e in events) writer.WriteRawValue(e, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
