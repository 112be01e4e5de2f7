using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>Expands <c>{gw}</c>, <c>{dev}</c>, <c>{type}</c> and <c>{prio}</c> in an uplink topic template.</summary>
public static class TopicTemplate
{
    public static string Expand(string template, string gatewayId, UplinkMessage message) =>
        template
            .Replace("{gw}", gatewayId, StringComparison.Ordinal)
            .Replace("{dev}", message.Device, StringComparison.Ordinal)
            .Replace("{type}", message.Type, StringComparison.Ordinal)
            .Replace("{prio}", message.Priority.ToString(), StringComparison.Ordinal);
}
