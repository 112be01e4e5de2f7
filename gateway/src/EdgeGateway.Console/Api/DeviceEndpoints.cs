using System.Text.Json;
using EdgeGateway.Console.Audit;
using EdgeGateway.Core.Devices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Console.Api;

/// <summary><c>/api/v1/devices</c>: the registry as the console sees it, filtered, sorted and paged (any role); revoke and label (technician).</summary>
internal static class DeviceEndpoints
{
    public const int MaxLabelLength = 120;

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder technician)
    {
        api.MapGet("/devices", async (HttpContext context, IDeviceDirectory directory, IDeviceConnections connections, IDeviceVitals vitals, CancellationToken ct) =>
        {
            if (DeviceQuery.Parse(context.Request.Query, out var problem) is not { } query) return problem!;
            var online = await OnlineAsync(connections, ct).ConfigureAwait(false);
            var reported = vitals.Snapshot();
            return Results.Json(query.Apply(directory.List().Select(d => View(d, online, reported.GetValueOrDefault(d.Id))).ToList()), ConsoleJsonContext.Default.DevicePage);
        });
        api.MapGet("/devices/{id}", async (string id, IDeviceDirectory directory, IDeviceConnections connections, IDeviceVitals vitals, CancellationToken ct) =>
            directory.Find(id) is { } d
                ? Results.Json(View(d, await OnlineAsync(connections, ct).ConfigureAwait(false), vitals.Find(id)), ConsoleJsonContext.Default.DeviceView)
                : Problems.NotFound($"no device '{id}' in the registry"));
        technician.MapPost("/devices/{id}/revoke", (string id, HttpContext context, IDeviceDirectory directory, AuditLog audit) =>
        {
            var done = directory.Revoke(id);
            audit.Write(context.User.Identity?.Name ?? "", "revoke", id, done ? "ok" : "unknown device", AlarmEndpoints.Address(context));
            return done ? Results.Json(new DeviceRevoked(id, true), ConsoleJsonContext.Default.DeviceRevoked) : Problems.NotFound($"no device '{id}' in the registry");
        });
        technician.MapPut("/devices/{id}/label", SetLabelAsync);
        DeviceActionEndpoints.Map(technician);
    }

    /// <summary>Body <c>{"label":"Flat 12, 2nd floor"}</c> (null or empty clears it).</summary>
    private static async Task<IResult> SetLabelAsync(string id, HttpContext context, IDeviceDirectory directory, AuditLog audit)
    {
        string? label;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return Problems.BadField("body", "the body must be a JSON object {\"label\":\"…\"}");
            if (!doc.RootElement.TryGetProperty("label", out var l)) return Problems.BadField("label", "\"label\" is missing");
            if (l.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) return Problems.BadField("label", "\"label\" must be a string or null");
            label = l.GetString();
        }
        catch (JsonException ex)
        {
            return Problems.BadField("body", "the body is not valid JSON: " + ex.Message);
        }
        if (label is { Length: > MaxLabelLength }) return Problems.BadField("label", $"\"label\" is longer than {MaxLabelLength} characters");
        if (label is not null && label.Any(char.IsControl)) return Problems.BadField("label", "\"label\" must not contain control characters");
        var done = directory.SetLabel(id, label);
        audit.Write(context.User.Identity?.Name ?? "", "label", id, done ? "ok" : "unknown device", AlarmEndpoints.Address(context));
        return done ? Results.Json(new DeviceLabelled(id, label), ConsoleJsonContext.Default.DeviceLabelled) : Problems.NotFound($"no device '{id}' in the registry");
    }

    private static async Task<IReadOnlySet<string>> OnlineAsync(IDeviceConnections connections, CancellationToken ct) =>
        connections.IsRunning ? (await connections.ConnectedDeviceIdsAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    /// <summary>The registry's record with what the device's heartbeats reported; the last heartbeat is the later of the registry's and this run's.</summary>
    private static DeviceView View(DeviceInfo d, IReadOnlySet<string> online, DeviceVitals? v)
    {
        var heartbeat = d.LastHeartbeat is { } kept && (v?.HeartbeatAt is not { } seen || kept > seen) ? kept : v?.HeartbeatAt;
        return new DeviceView(d.Id, d.Type, d.Site, d.Checkpoint, d.Label, online.Contains(d.Id), d.Revoked, d.LastSeen?.ToUnixTimeMilliseconds(),
            heartbeat?.ToUnixTimeMilliseconds(), v?.BatteryMv, v?.Rssi, v?.Firmware, v?.UptimeSeconds);
    }
}
