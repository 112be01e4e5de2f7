using System.Text;
using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Core.Tests.Fakes;

/// <summary>Valid envelopes for tests, parsed by the real parser.</summary>
internal static class Envelopes
{
    public static byte[] Raw(string dev, long seq, string type, string data = "{}", long boot = 1) =>
        Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":{{{boot}}},"seq":{{{seq}}},"type":"{{{type}}}","ts":1763900000000,"sync":true,"data":{{{data}}}}""");

    public static EventEnvelope Parsed(string dev, long seq, string type, string data = "{}") =>
        EnvelopeParser.Parse(Raw(dev, seq, type, data), dev).Envelope!;
}
