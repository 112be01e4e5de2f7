using System.Text;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.Tests;

internal static class Messages
{
    public static UplinkMessage Panic(string dev, long seq) =>
        new($"{dev}:1:{seq}", dev, "panic", PriorityClass.P0, 1_763_900_000_000 + seq,
            Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"panic","ts":1,"sync":true,"data":{}}"""));

    /// <summary>An event of any type; <paramref name="padding"/> bytes of data make it bigger.</summary>
    public static UplinkMessage Of(string type, PriorityClass prio, string dev, long seq, int padding = 0) =>
        new($"{dev}:1:{seq}", dev, type, prio, 1_763_900_000_000 + seq,
            Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{"pad":"{{{new string('x', padding)}}}"}}"""));
}
