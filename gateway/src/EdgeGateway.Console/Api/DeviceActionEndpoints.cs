using System.Text.Json;
using EdgeGateway.Console.Audit;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Core.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Console.Api;

/// <summary>
/// A technician's commands to a device through Core's <see cref="DeviceActions"/>: <c>POST /devices/{id}/locate</c>
/// (it beeps) and <c>POST /devices/{id}/test-mode</c> with <c>{"minutes":5}</c> (0 disarms). Each is written to the
/// audit log like an ack; 200 delivered, 202 queued for an offline device.
/// </summary>
internal static class DeviceActionEndpoints
{
    public static void Map(RouteGroupBuilder technician)
    {
        technician.MapPost("/devices/{id}/locate", async (string id, HttpContext context, DeviceActions actions, AuditLog audit) =>
            Answer(context, audit, "locate", id, await actions.LocateAsync(id, Who(context), context.RequestAborted).ConfigureAwait(false)));
        technician.MapPost("/devices/{id}/test-mode", async (string id, HttpContext context, DeviceActions actions, AuditLog audit) =>
        {
            var (minutes, problem) = await MinutesAsync(context).ConfigureAwait(false);
            if (problem is not null) return problem;
            var reply = await actions.ArmTestModeAsync(id, minutes, Who(context), context.RequestAborted).ConfigureAwait(false);
            return Answer(context, audit, minutes == 0 ? "test_mode off" : $"test_mode {minutes} min", id, reply);
        });
    }

    /// <summary>Body <c>{"minutes":N}</c>, 0..<see cref="DeviceActions.MaxTestModeMinutes"/>; an empty body means 5 minutes.</summary>
    private static async Task<(int Minutes, IResult? Problem)> MinutesAsync(HttpContext context)
    {
        const int fallback = 5;
        if (context.Request.ContentLength == 0) return (fallback, null);
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (0, Problems.BadField("body", "the body must be a JSON object {\"minutes\":5}"));
            if (!root.TryGetProperty("minutes", out var m)) return (fallback, null);
            if (m.ValueKind != JsonValueKind.Number || !m.TryGetInt32(out var minutes) || minutes is < 0 or > DeviceActions.MaxTestModeMinutes)
                return (0, Problems.BadField("minutes", $"\"minutes\" must be a whole number 0..{DeviceActions.MaxTestModeMinutes} (0 disarms)"));
            return (minutes, null);
        }
        catch (JsonException ex)
        {
            return (0, Problems.BadField("body", "the body is not valid JSON: " + ex.Message));
        }
    }

    private static IResult Answer(HttpContext context, AuditLog audit, string action, string id, CommandReply reply)
    {
        audit.Write(Who(context), action, id, reply.IsSuccess ? reply.Status == CommandStatus.Ok ? "delivered" : "queued" : reply.ErrorMessage, AlarmEndpoints.Address(context));
        if (reply.IsSuccess) return Results.Text(reply.Json, "application/json", statusCode: (int)reply.Status);
        return reply.Status switch
        {
            CommandStatus.BadRequest => Problems.BadField("minutes", reply.ErrorMessage),
            CommandStatus.NotFound => Problems.NotFound(reply.ErrorMessage),
            _ => Problems.Status((int)reply.Status, reply.ErrorMessage),
        };
    }

    private static string Who(HttpContext context) => context.User.Identity?.Name ?? "";
}
