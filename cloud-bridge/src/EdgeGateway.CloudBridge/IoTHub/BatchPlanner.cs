using System.Buffers;
using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// Turns a forwarder batch into hub messages. P0 and P1 events go one per message (P0 first, never behind a
/// batch); P2 and P3 are packed, per class and in order, into JSON arrays below the hub's size limit, with a
/// <c>batch</c> property holding the count. Every message carries <c>$.mid</c>, <c>$.ct</c>, <c>$.ce</c> and <c>prio</c>;
/// single events also <c>type</c> and <c>dev</c>.
/// </summary>
internal sealed class BatchPlanner
{
    private const int JsonArrayOverhead = 2; // [ ]
    private readonly string _gatewayId;
    private readonly int _maxMessageBytes;

    public BatchPlanner(string gatewayId, int maxMessageBytes)
    {
        _gatewayId = gatewayId;
        _maxMessageBytes = maxMessageBytes;
    }

    public List<OutboundMessage> Plan(IReadOnlyList<UplinkMessage> batch)
    {
        var result = new List<OutboundMessage>(batch.Count);
        foreach (var m in batch.Where(m => m.Priority == PriorityClass.P0)) result.Add(Single(m));
        foreach (var m in batch.Where(m => m.Priority == PriorityClass.P1)) result.Add(Single(m));
        Pack(batch.Where(m => m.Priority == PriorityClass.P2).ToList(), result);
        Pack(batch.Where(m => m.Priority == PriorityClass.P3).ToList(), result);
        return result;
    }

    private OutboundMessage Single(UplinkMessage m)
    {
        var bag = PropertyBag.Encode(
        [
            new("$.mid", m.EventId),
            new("$.ct", "application/json"),
            new("$.ce", "utf-8"),
            new("type", m.Type),
            new("prio", m.Priority.ToString()),
            new("dev", m.Device),
        ]);
        var message = new OutboundMessage(IoTHubTopics.Events(_gatewayId, bag), UplinkPayload.Format(m, _gatewayId), [m.EventId]);
        if (Size(message.Topic, message.Payload.Length) > _maxMessageBytes)
            throw new UplinkException($"event {m.EventId} does not fit in one hub message ({message.Payload.Length} bytes)");
        return message;
    }

    private void Pack(List<UplinkMessage> events, List<OutboundMessage> result)
    {
        if (events.Count == 0) return;
        if (events.Count == 1)
        {
            result.Add(Single(events[0]));
            return;
        }
        var items = events.Select(e => UplinkPayload.Format(e, _gatewayId)).ToArray();
        var start = 0;
        while (start < events.Count)
        {
            var topicBytes = BatchTopic(events[start], int.MaxValue).Length;
            var size = JsonArrayOverhead + items[start].Length;
            var end = start + 1;
            while (end < events.Count && Size(topicBytes, size + 1 + items[end].Length) <= _maxMessageBytes)
            {
                size += 1 + items[end].Length;
                end++;
            }
            if (Size(topicBytes, size) > _maxMessageBytes)
                throw new UplinkException($"event {events[start].EventId} does not fit in one hub message ({items[start].Length} bytes)");
            result.Add(end - start == 1
                ? Single(events[start])
                : new OutboundMessage(BatchTopic(events[start], end - start), Array(items, start, end), events.Skip(start).Take(end - start).Select(e => e.EventId).ToArray()));
            start = end;
        }
    }

    private string BatchTopic(UplinkMessage first, int count)
    {
        var bag = PropertyBag.Encode(
        [
            new("$.mid", $"{first.EventId}+{count}"),
            new("$.ct", "application/json"),
            new("$.ce", "utf-8"),
            new("batch", count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("prio", first.Priority.ToString()),
        ]);
        return IoTHubTopics.Events(_gatewayId, bag);
    }

    private static byte[] Array(byte[][] items, int start, int end)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = start; i < end; i++) writer.WriteRawValue(items[i], skipInputValidation: true);
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static int Size(string topic, int payload) => Size(System.Text.Encoding.UTF8.GetByteCount(topic), payload);

    /// <summary>What the hub counts against its limit: the payload plus the topic (which carries the properties).</summary>
    private static int Size(int topicBytes, int payload) => topicBytes + payload;
}
