using EdgeGateway.Console.Alarms;
using EdgeGateway.Console.Audit;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Core.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Console.Api;

/// <summary><c>/api/v1/alarms</c>: the board, its live stream, one alarm, and the acknowledgement (any role).</summary>
internal static class AlarmEndpoints
{
    /// <param name="changes">The group for state-changing routes (anti-forgery checked).</param>
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder changes)
    {
        api.MapGet("/alarms", (AlarmBoard board) => Results.Json(board.Snapshot(), ConsoleJsonContext.Default.IReadOnlyListAlarmView));
        api.MapGet("/alarms/stream", (HttpContext context, AlarmBoard board, IHostApplicationLifetime lifetime) =>
            AlarmStream.RunAsync(context, board, lifetime.ApplicationStopping));
        api.MapGet("/alarms/{id}", (string id, AlarmBoard board) =>
            board.Find(id) is { } alarm ? Results.Json(alarm, ConsoleJsonContext.Default.AlarmView) : Problems.NotFound($"no alarm '{id}' on the board"));
        changes.MapPost("/alarms/{id}/ack", AckAsync);
    }

    /// <summary>
    /// Goes through Core's <see cref="AlarmAcknowledger"/> like a cloud ack: the device gets <c>ack</c>, the ledger
    /// records the operator, and <c>alarm_ack</c> (P1) goes upstream. 200 when the device took it, 202 when queued
    /// for it; a second ack answers with the first one's record (<c>duplicate: true</c>).
    /// </summary>
    private static async Task<IResult> AckAsync(string id, HttpContext context, AlarmAcknowledger acks, AuditLog audit, CancellationToken cancellationToken)
    {
        var who = context.User.Identity?.Name ?? "";
        var reply = await acks.AckAsync(id, who, CommandSources.Console, cancellationToken).ConfigureAwait(false);
        audit.Write(who, "ack", id, reply.IsSuccess ? reply.Status.ToString().ToLowerInvariant() : reply.ErrorMessage, Address(context));
        if (reply.IsSuccess) return Results.Text(reply.Json, "application/json", statusCode: (int)reply.Status);
        return reply.Status switch
        {
            CommandStatus.BadRequest => Problems.BadField("id", reply.ErrorMessage),
            CommandStatus.NotFound => Problems.NotFound(reply.ErrorMessage),
            _ => Problems.Status((int)reply.Status, reply.ErrorMessage),
        };
    }

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";
}
