using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Forwarding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Console.Api;

/// <summary><c>GET /api/v1/buffer</c> (any role): what the buffer holds and how the uplink fares, read from Core's ports.</summary>
internal static class BufferEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/buffer", (IBufferInspector buffer, IUplink uplink, ForwardingStatus forwarding, GatewayMetrics metrics, TimeProvider time) =>
            Results.Json(View(buffer.Inspect(), uplink, forwarding, metrics, time.GetUtcNow().ToUnixTimeMilliseconds()), ConsoleJsonContext.Default.BufferView));

    internal static BufferView View(BufferSnapshot snapshot, IUplink uplink, ForwardingStatus forwarding, GatewayMetrics metrics, long now)
    {
        var classes = snapshot.Classes.Select(c => new BufferClassView(c.Priority.ToString(), c.Depth, c.OldestReceivedAtMs,
            c.OldestReceivedAtMs is { } at ? Math.Max(0, now - at) / 1000.0 : null, metrics.Shed(c.Priority), metrics.Expired(c.Priority))).ToList();
        var percent = snapshot.QuotaBytes > 0 ? Math.Round(100.0 * snapshot.UsedBytes / snapshot.QuotaBytes, 2) : 0;
        var disk = new BufferDiskView(snapshot.UsedBytes, snapshot.QuotaBytes, percent, snapshot.FileBytes);
        var link = new UplinkView(uplink.Name, uplink.State.ToString().ToLowerInvariant(), forwarding.LastSuccessAtMs,
            Math.Round(forwarding.ForwardedPerSecond(), 2), metrics.ForwardedTotal, metrics.UplinkFailureTotal, forwarding.Restorations);
        return new BufferView(now, classes, disk, link);
    }
}
