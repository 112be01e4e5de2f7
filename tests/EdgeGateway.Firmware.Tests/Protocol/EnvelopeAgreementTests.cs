using System.Text;
using CsCheck;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Firmware.Core.Protocol;

namespace EdgeGateway.Firmware.Tests.Protocol;

/// <summary>The firmware's own encoder and the gateway's parser must agree on every event type.</summary>
public sealed class EnvelopeAgreementTests
{
    public static TheoryData<string> AllDeviceTypes() => new(DeviceEventTypes.All);

    [Theory]
    [MemberData(nameof(AllDeviceTypes))]
    public void Firmware_bytes_parse_to_the_same_event(string type)
    {
        var data = new EventData().Add("battery", 87).Add("fw", "1.2.3").Add("tamper", false);
        var bytes = EnvelopeEncoder.Encode("pb-0042", 17, 1234, type, 1763900000123, true, data);
        var r = EnvelopeParser.Parse(bytes, "pb-0042");
        Assert.True(r.IsValid, r.Detail);
        var e = r.Envelope!;
        Assert.Equal((1, "pb-0042", 17L, 1234L, type, 1763900000123L, true), (e.V, e.Dev, e.Boot, e.Seq, e.Type, e.Ts, e.Sync));
        Assert.Equal("""{"battery":87,"fw":"1.2.3","tamper":false}""", e.Data);
        Assert.Equal(EnvelopeEncoder.EventId("pb-0042", 17, 1234), e.Id.ToString());
    }

    [Fact]
    public void The_device_type_lists_match()
    {
        Assert.Equal(EventTypes.DeviceTypes.OrderBy(x => x, StringComparer.Ordinal), DeviceEventTypes.All.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void Any_string_data_survives_encoding()
    {
        Gen.String.Sample(text =>
        {
            var bytes = EnvelopeEncoder.Encode("cb-1", 1, 1, DeviceEventTypes.Checkin, 5, false, new EventData().Add("uid", text));
            var r = EnvelopeParser.Parse(bytes, "cb-1");
            if (bytes.Length > EventEnvelope.MaxBytes) { Assert.Equal(EnvelopeError.Oversize, r.Error); return; }
            Assert.True(r.IsValid, r.Detail);
            using var doc = System.Text.Json.JsonDocument.Parse(r.Envelope!.Data);
            var back = doc.RootElement.GetProperty("uid").GetString();
            // Lone surrogates cannot survive UTF-8; everything else must round-trip exactly.
            var expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            Assert.Equal(expected, back);
        }, iter: 2000);
    }
}
