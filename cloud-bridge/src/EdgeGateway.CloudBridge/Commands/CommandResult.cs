using System.Text.Json.Nodes;

namespace EdgeGateway.CloudBridge.Commands;

/// <summary>The outcome of a cloud command: a status, and a JSON body (<c>{"error":"…"}</c> on failure).</summary>
public sealed record CommandResult(CommandStatus Status, JsonObject Body)
{
    public bool IsSuccess => Status == CommandStatus.Ok;

    public static CommandResult Ok(JsonObject? body = null) => new(CommandStatus.Ok, body ?? []);

    public static CommandResult Error(CommandStatus status, string message) => new(status, new JsonObject { ["error"] = message });

    public string ErrorMessage => Body["error"]?.GetValue<string>() ?? "";
}
