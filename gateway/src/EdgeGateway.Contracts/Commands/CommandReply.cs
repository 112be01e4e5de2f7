using System.Text.Json;

namespace EdgeGateway.Contracts.Commands;

/// <summary>
/// The answer to a command: a status and a JSON object as text (<c>{"error":"…"}</c> on failure). Uplinks pass
/// <see cref="Json"/> on as the method response or the published result without parsing it.
/// </summary>
public sealed record CommandReply(CommandStatus Status, string Json)
{
    /// <summary>Ok or Accepted: the command was taken.</summary>
    public bool IsSuccess => Status is CommandStatus.Ok or CommandStatus.Accepted;

    public static CommandReply Ok(string json = "{}") => new(CommandStatus.Ok, json);

    public static CommandReply Error(CommandStatus status, string message) =>
        new(status, "{\"error\":" + JsonString.Quote(message) + "}");

    /// <summary>The <c>error</c> text of a failed reply, or empty.</summary>
    public string ErrorMessage
    {
        get
        {
            if (IsSuccess) return "";
            try
            {
                using var doc = JsonDocument.Parse(Json);
                return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : "";
            }
            catch (JsonException)
            {
                return "";
            }
        }
    }
}
