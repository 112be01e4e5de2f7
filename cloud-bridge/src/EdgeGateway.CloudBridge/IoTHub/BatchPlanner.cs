using System.Buffers;
using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// Turns a forwarder batch into hub messages. P0 and P1 events go one per message (P0 first, never behind a
/// batch); P2 and P3 are packed, per class and in order, into JSON arrays below the hub's size limit, with a
/// <c>batch</c> property holding the count. Alarms that waited for the link, a slot or the send rate are packed the
/// same way, alarms only (<see cref="PackFront"/>, used by <see cref="AlarmLane"/>). Every message carries <c>$.mid</c>, <c>$.ct</c>, <c>$.ce</c> and <c>prio</c>;
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

    /// <summary>
    /// One message holding as many of <paramref name="events"/> as fit, from the first on, in their order (the alarm
    /// lane packs the alarms that waited this way); <paramref name="count"/> says how many it took. One event gives a
    /// single-event message.
    /// </summary>
    public OutboundMessage PackFront(IReadOnlyList<UplinkMessage> events, out int count)
    {
        if (events.Count == 1)
        {
            count = 1;
            return Single(events[0]);
        }
        var items = new List<byte[]>(events.Count);
        var message = Next(events, i =>
        {
            while (items.Count <= i) items.Add(UplinkPayload.Format(events[items.Count], _gatewayId));
            return items[i];
        }, 0, out var end);
        count = end;
        return message;
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
            result.Add(Next(events, i => items[i], start, out var end));
            start = end;
        }
    }

    /// <summary>The message holding events <paramref name="start"/> up to <paramref name="end"/> (exclusive): as many as fit.</summary>
    private OutboundMessage Next(IReadOnlyList<UplinkMessage> events, Func<int, byte[]> item, int start, out int end)
    {
        var topicBytes = BatchTopic(events[start], int.MaxValue).Length;
        var size = JsonArrayOverhead + item(start).Length;
        end = start + 1;
        while (end < events.Count && Size(topicBytes, size + 1 + item(end).Length) <= _maxMessageBytes)
        {
            size += 1 + item(end).Length;
            end++;
        }
        if (Size(topicBytes, size) > _maxMessageBytes)
            throw new UplinkException($"event {events[start].EventId} does not fit in one hub message ({item(start).Length} bytes)");
        if (end - start == 1) return Single(events[start]);
        var ids = new string[end - start];
        for (var i = start; i < end; i++) ids[i - start] = events[i].EventId;
        return new OutboundMessage(BatchTopic(events[start], end - start), Array(item, start, end), ids);
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

    private static byte[] Array(Func<int, byte[]> item, int start, int end)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = start; i < end; i++) writer.WriteRawValue(item(i), skipInputValidation: true);
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static int Size(string topic, int payload) => Size(System.Text.Encoding.UTF8.GetByteCount(topic), payload);

    /// <summary>What the hub counts against its limit: the payload plus the topic (which carries the properties).</summary>
    private static int Size(int topicBytes, int payload) => topicBytes + payload;
}
