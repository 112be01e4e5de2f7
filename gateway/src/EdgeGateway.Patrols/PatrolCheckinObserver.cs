using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Engine;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Patrols;

/// <summary>
/// Hands each newly stored <c>checkin</c> to the patrol loop (a bounded queue; never blocks ingest). Duplicates and
/// debounced repeats (the same card at the same beacon within the window) are not new taps and are skipped.
/// </summary>
internal sealed class PatrolCheckinObserver(TimeProvider time, ILogger<PatrolCheckinObserver> logger) : IAcceptedEventObserver
{
    public const int QueueCapacity = 10_000;

    private readonly Channel<Checkin> _queue = Channel.CreateBounded<Checkin>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public ChannelReader<Checkin> Reader => _queue.Reader;

    public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome)
    {
        if (envelope.Type != EventTypes.Checkin || outcome != AppendOutcome.Stored) return;
        var id = envelope.Id.ToString();
        if (!TryRead(envelope.Data, out var uid, out var checkpoint))
        {
            PatrolsLog.CheckinUnreadable(logger, id);
            return;
        }
        var at = envelope.Sync ? DateTimeOffset.FromUnixTimeMilliseconds(envelope.Ts) : time.GetUtcNow();
        if (!_queue.Writer.TryWrite(new Checkin(id, envelope.Dev, checkpoint, uid, at, envelope.Sync))) PatrolsLog.QueueFull(logger, id);
    }

    private static bool TryRead(string data, out string uid, out string checkpoint)
    {
        uid = checkpoint = "";
        try
        {
            using var doc = JsonDocument.Parse(data);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("uid", out var u) || u.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("checkpoint", out var cp) || cp.ValueKind != JsonValueKind.String) return false;
            checkpoint = cp.GetString()!;
            return CardUid.TryNormalize(u.GetString(), out uid) && DeviceIds.IsValid(checkpoint);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
