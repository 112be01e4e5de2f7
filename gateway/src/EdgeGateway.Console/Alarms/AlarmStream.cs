using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Console.Alarms;

/// <summary>
/// <c>GET /api/v1/alarms/stream</c>: Server-Sent Events. First the whole board (<c>event: snapshot</c>), then every
/// change (<c>event: alarm</c>) as it happens, and a comment every 15 s to keep proxies from closing the connection.
/// A client that cannot keep up (256 changes behind) is disconnected; the browser's EventSource reconnects and gets
/// a fresh snapshot, so nothing is silently skipped.
/// </summary>
internal static class AlarmStream
{
    /// <param name="stopping">The console is shutting down: the stream ends so the gateway's stop is not held up.</param>
    public static async Task RunAsync(HttpContext context, AlarmBoard board, CancellationToken stopping)
    {
        var changes = Channel.CreateBounded<AlarmView>(new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        var overflowed = false;
        void OnChanged(AlarmView v)
        {
            if (!changes.Writer.TryWrite(v)) overflowed = true;
        }
        board.Changed += OnChanged;
        try
        {
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(context, "snapshot", JsonSerializer.Serialize(board.Snapshot(), ConsoleJsonContext.Default.IReadOnlyListAlarmView)).ConfigureAwait(false);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var ct = both.Token;
            while (!ct.IsCancellationRequested && !overflowed)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(ct);
                keepAlive.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    var view = await changes.Reader.ReadAsync(keepAlive.Token).ConfigureAwait(false);
                    await WriteAsync(context, "alarm", JsonSerializer.Serialize(view, ConsoleJsonContext.Default.AlarmView)).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // the browser went away, or the gateway stops
        }
        finally
        {
            board.Changed -= OnChanged;
        }
    }

    private static async Task WriteAsync(HttpContext context, string name, string json)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
