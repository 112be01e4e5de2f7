using System.Buffers;
using System.Text.Json;

namespace EdgeGateway.Contracts.Uplink;

/// <summary>
/// The JSON an uplink sends for one event:
/// <c>{"id":"pb-1:3:7","gw":"gw-1","prio":"P0","type":"panic","dev":"pb-1","rcv":1763900000200,"evt":{…envelope…}}</c>.
/// The envelope is embedded verbatim so nothing the device said is lost.
/// </summary>
public static class UplinkPayload
{
    public static byte[] Format(UplinkMessage message, string gatewayId)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Envelope.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, message, gatewayId);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, UplinkMessage message, string gatewayId)
    {
        writer.WriteStartObject();
        writer.WriteString("id", message.EventId);
        writer.WriteString("gw", gatewayId);
        writer.WriteString("prio", message.Priority.ToString());
        writer.WriteString("type", message.Type);
        writer.WriteString("dev", message.Device);
        writer.WriteNumber("rcv", message.ReceivedAtMs);
        writer.WritePropertyName("evt");
        writer.WriteRawValue(message.Envelope.Span, skipInputValidation: false);
        writer.WriteEndObject();
    }
}
