using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeGateway.Core.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Api;

/// <summary>
/// <c>GET /api/v1/history</c> (a page, newest first, with the cursor of the next) and <c>GET /api/v1/history.csv</c> (every
/// match, streamed page by page), any role. Filters: see <see cref="HistoryRequest"/>. With the journal off
/// (<c>Console:History:Enabled=false</c>, no <see cref="IEventJournal"/>) both answer 503 saying so.
/// </summary>
internal static class HistoryEndpoints
{
    private const int CsvPage = 500;
    private const string CsvHeader = "seq,received_at,device,type,prio,event_id,device_time,synced,outcome,data";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/history", async (HttpContext context) =>
        {
            if (Journal(context) is not { } journal) return Disabled();
            if (!HistoryRequest.TryParse(context.Request.Query, out var query, out var problem)) return problem!;
            var page = await journal.QueryAsync(query, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(new HistoryPage(page.Items.Select(View).ToList(), page.Next), ConsoleJsonContext.Default.HistoryPage);
        });
        api.MapGet("/history.csv", async (HttpContext context) =>
        {
            if (Journal(context) is not { } journal)
            {
                await Disabled().ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            if (!HistoryRequest.TryParse(context.Request.Query, out var query, out var problem))
            {
                await problem!.ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"history.csv\"";
            await WriteCsvAsync(context.Response.Body, journal, query with { Limit = CsvPage }, context.RequestAborted).ConfigureAwait(false);
        });
    }

    private static IEventJournal? Journal(HttpContext context) => context.RequestServices.GetService<IEventJournal>();

    private static IResult Disabled() => Problems.Status(StatusCodes.Status503ServiceUnavailable,
        "the history journal is off on this gateway (Console:History:Enabled=false): no events are kept to search");

    private static async Task WriteCsvAsync(Stream body, IEventJournal journal, JournalQuery query, CancellationToken ct)
    {
        var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(CsvHeader.AsMemory(), ct).ConfigureAwait(false);
            while (true)
            {
                var page = await journal.QueryAsync(query, ct).ConfigureAwait(false);
                foreach (var e in page.Items) await writer.WriteLineAsync(Row(e).AsMemory(), ct).ConfigureAwait(false);
                if (page.Next is null) break;
                query = query with { BeforeSeq = page.Next };
            }
        }
    }

    internal static string Row(JournalEntry e) => string.Join(',',
        e.Seq.ToString(CultureInfo.InvariantCulture), Iso(e.ReceivedAtMs), CsvCell.Of(e.Device), CsvCell.Of(e.Type), e.Priority.ToString(),
        CsvCell.Of(e.EventId), Iso(e.DeviceTimeMs), e.Synced ? "true" : "false", CsvCell.Of(e.Outcome), CsvCell.Of(e.Data));

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static HistoryItemView View(JournalEntry e) => new(e.Seq, e.EventId, e.Device, e.Type, e.Priority.ToString(), e.ReceivedAtMs, e.DeviceTimeMs,
        e.Synced, e.Outcome, Data(e.Data));

    private static JsonElement Data(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json, ConsoleJsonContext.Default.String);
        }
    }
}
