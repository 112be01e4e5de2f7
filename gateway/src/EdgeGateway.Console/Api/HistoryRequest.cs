using System.Globalization;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.History;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Console.Api;

/// <summary>
/// The query string of <c>/api/v1/history</c> and <c>/api/v1/history.csv</c>: <c>device</c>, <c>type</c>, <c>from</c> and
/// <c>to</c> (ISO 8601, or Unix milliseconds; <c>to</c> is exclusive), <c>limit</c> (1..500, default 100) and <c>before</c>
/// (the <c>next</c> cursor of the previous page). A bad value is a 400 naming its parameter.
/// </summary>
internal static class HistoryRequest
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    private const int MaxDeviceLength = 64;

    public static bool TryParse(IQueryCollection query, out JournalQuery parsed, out IResult? problem)
    {
        parsed = new JournalQuery(null, null, null, null, null, DefaultLimit);
        problem = null;
        var device = Text(query, "device");
        if (device is not null && (device.Length > MaxDeviceLength || !device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
            problem = Problems.BadField("device", $"device must be up to {MaxDeviceLength} letters, digits, '-', '_', '.' or ':'");
        var type = Text(query, "type");
        if (problem is null && type is not null && !EventTypes.IsKnown(type))
            problem = Problems.BadField("type", $"type '{Clip(type)}' is not an event type the gateway knows");
        long? from = null, to = null, before = null;
        var limit = DefaultLimit;
        if (problem is null && !TryTime(query, "from", out from)) problem = TimeProblem("from");
        if (problem is null && !TryTime(query, "to", out to)) problem = TimeProblem("to");
        if (problem is null && from is not null && to is not null && to <= from) problem = Problems.BadField("to", "to must be later than from");
        if (problem is null && Text(query, "limit") is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            problem = Problems.BadField("limit", $"limit must be a whole number 1..{MaxLimit}");
        if (problem is null && Text(query, "before") is { } b)
        {
            if (long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0) before = seq;
            else problem = Problems.BadField("before", "before must be the positive whole number a previous page gave as next");
        }
        if (problem is not null) return false;
        parsed = new JournalQuery(device, type, from, to, before, limit);
        return true;
    }

    private static bool TryTime(IQueryCollection query, string name, out long? ms)
    {
        ms = null;
        if (Text(query, name) is not { } text) return true;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            ms = unix;
            return true;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return false;
        ms = at.ToUnixTimeMilliseconds();
        return true;
    }

    private static IResult TimeProblem(string name) =>
        Problems.BadField(name, $"{name} must be an ISO 8601 time (e.g. 2026-12-06T14:00:00Z) or Unix milliseconds");

    private static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } v ? v : null;

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
