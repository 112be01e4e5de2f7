using System.Text.Json;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Events;
using Microsoft.Extensions.Logging;
using EventId = EdgeGateway.Contracts.Envelope.EventId;

namespace EdgeGateway.Core.Commands;

/// <summary>
/// Step 4 of an alarm's path, whatever the source (cloud C2D or method, MQTT cloud, ward console, CLI): checks that
/// the alarm reached this gateway (the buffer's seen-set), records who acknowledged it, and hands <c>ack</c> to the
/// device through <see cref="IDeviceCommandChannel"/>. Acking twice answers with the first record. An ack kept for
/// an offline device is reported <c>queued</c>, and when the device takes it the gateway emits <c>cmd_delivered</c>.
/// A local (console) ack also emits <c>alarm_ack</c> so dispatch sees the alarm was handled at the ward.
/// </summary>
public sealed class AlarmAcknowledger
{
    public const int MaxByLength = 64;

    private readonly IEventBuffer _buffer;
    private readonly IDeviceCommandChannel _channel;
    private readonly IAckLedger _ledger;
    private readonly GatewayEventEmitter _events;
    private readonly CommandOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();

    public AlarmAcknowledger(IEventBuffer buffer, IDeviceCommandChannel channel, IAckLedger ledger, GatewayEventEmitter events,
        CommandOptions options, TimeProvider time, ILogger<AlarmAcknowledger> logger)
    {
        _buffer = buffer;
        _channel = channel;
        _ledger = ledger;
        _events = events;
        _options = options;
        _time = time;
        _logger = logger;
        _channel.DeliveredLater += OnDeliveredLater;
        _channel.Dropped += OnDropped;
    }

    /// <summary>Raised after an ack's record changed (recorded, delivered, expired); the console pushes it.</summary>
    public event Action<AckRecord>? Changed;

    public async Task<CommandReply> AckAsync(string eventId, string? by, string source, CancellationToken cancellationToken)
    {
        if (!EventId.TryParse(eventId, out var id))
            return CommandReply.Error(CommandStatus.BadRequest, "'" + Text.Shorten(eventId) + "' is not an event id ({dev}:{boot}:{seq})");
        if (by is { Length: > MaxByLength })
            return CommandReply.Error(CommandStatus.BadRequest, $"\"by\" is longer than {MaxByLength} characters");
        var key = id.ToString();
        if (!await _buffer.HasSeenAsync(key, cancellationToken).ConfigureAwait(false))
            return CommandReply.Error(CommandStatus.NotFound, $"event {key} never reached this gateway");
        var who = string.IsNullOrWhiteSpace(by) ? source : by.Trim();
        var now = _time.GetUtcNow();
        AckRecord record;
        lock (_gate)
        {
            var existing = _ledger.Find(key);
            if (existing is { Delivery: AckDelivery.Queued or AckDelivery.Delivered })
                return Reply(existing, duplicate: true);
            record = new AckRecord(key, id.Device, who, source, now, "ack-" + Guid.NewGuid().ToString("N"), AckDelivery.Queued, null);
            _ledger.Put(record);
        }
        var payload = JsonSerializer.SerializeToUtf8Bytes(new AckCommandBody("ack", key), CoreJsonContext.Default.AckCommandBody);
        var command = new DeviceCommand(record.CommandId, id.Device, "ack", payload, now, now + _options.QueueTtl);
        var outcome = await _channel.SendAsync(command, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case DeliveryOutcome.QueueFull:
                Forget(record);
                return CommandReply.Error(CommandStatus.TooManyRequests,
                    $"{_options.MaxQueuedPerDevice} commands already wait for {id.Device}; the ack was not queued");
            case DeliveryOutcome.Unavailable:
                Forget(record);
                return CommandReply.Error(CommandStatus.Unavailable, "the gateway's broker is not running; the ack was not queued");
        }
        if (outcome == DeliveryOutcome.Delivered) record = MarkDelivered(record, _time.GetUtcNow());
        CommandsLog.Acked(_logger, key, who, source, record.Delivery.ToString().ToLowerInvariant());
        Changed?.Invoke(record);
        if (source == CommandSources.Console)
            await EmitAsync(EventTypes.AlarmAck, JsonSerializer.Serialize(new AlarmAckData(key, who, now.ToUnixTimeMilliseconds()), CoreJsonContext.Default.AlarmAckData), cancellationToken)
                .ConfigureAwait(false);
        return Reply(record, duplicate: false);
    }

    public AckRecord? Find(string eventId) => _ledger.Find(eventId);

    private void Forget(AckRecord record)
    {
        lock (_gate)
        {
            _ledger.Put(record with { Delivery = AckDelivery.Expired });
        }
    }

    private AckRecord MarkDelivered(AckRecord record, DateTimeOffset at)
    {
        var delivered = record with { Delivery = AckDelivery.Delivered, DeliveredAt = at };
        lock (_gate)
        {
            _ledger.Put(delivered);
        }
        return delivered;
    }

    private void OnDeliveredLater(DeviceCommand command)
    {
        var now = _time.GetUtcNow();
        CommandsLog.DeliveredLater(_logger, command.Name, command.DeviceId);
        AckRecord? record;
        lock (_gate)
        {
            record = _ledger.FindByCommand(command.Id);
        }
        if (record is not null)
        {
            record = MarkDelivered(record, now);
            Changed?.Invoke(record);
        }
        var data = JsonSerializer.Serialize(new CommandDeliveredData(command.DeviceId, command.Name, record?.EventId,
            command.CreatedAt.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds()), CoreJsonContext.Default.CommandDeliveredData);
        // Called from the broker's event loop: the emit runs on its own, never holding the device's PUBACK path.
        _ = EmitAsync(EventTypes.CmdDelivered, data, CancellationToken.None);
    }

    /// <summary>The ack never reached its device (TTL, clean session): the record says so, and a new ack may be sent.</summary>
    private void OnDropped(DeviceCommand command)
    {
        AckRecord? record;
        lock (_gate)
        {
            record = _ledger.FindByCommand(command.Id);
            if (record is not { Delivery: AckDelivery.Queued }) return;
            record = record with { Delivery = AckDelivery.Expired };
            _ledger.Put(record);
        }
        Changed?.Invoke(record);
    }

    private async Task EmitAsync(string type, string data, CancellationToken cancellationToken)
    {
        try
        {
            await _events.EmitAsync(type, data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            CommandsLog.EmitFailed(_logger, type, ex.Message);
        }
    }

    private static CommandReply Reply(AckRecord r, bool duplicate)
    {
        var json = JsonSerializer.Serialize(new AckReply(r.EventId, r.DeviceId, r.Delivery.ToString().ToLowerInvariant(), r.By, r.Source,
            r.At.ToUnixTimeMilliseconds(), r.DeliveredAt?.ToUnixTimeMilliseconds(), duplicate), CoreJsonContext.Default.AckReply);
        return new CommandReply(r.Delivery == AckDelivery.Delivered ? CommandStatus.Ok : CommandStatus.Accepted, json);
    }
}
