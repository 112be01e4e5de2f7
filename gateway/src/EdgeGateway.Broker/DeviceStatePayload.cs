using System.Buffers;

namespace EdgeGateway.Broker;

/// <summary>What a device may publish (retained) to its <c>state</c> topic: <c>online</c> or <c>offline</c>, nothing else.</summary>
internal static class DeviceStatePayload
{
    public static bool IsValid(ReadOnlySequence<byte> payload)
    {
        if (payload.Length > 7) return false;
        Span<byte> bytes = stackalloc byte[7];
        payload.CopyTo(bytes);
        var value = bytes[..(int)payload.Length];
        return value.SequenceEqual("online"u8) || value.SequenceEqual("offline"u8);
    }
}
