using System.Text.Json;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Core.Commands;

namespace EdgeGateway.Core.Tests.Commands;

public sealed class AlarmAcknowledgerTests
{
    private readonly CommandFixture _f = new();

    private static JsonElement Json(CommandReply reply) => JsonDocument.Parse(reply.Json).RootElement;

    [Fact]
    public async Task An_ack_for_a_connected_device_is_sent_as_the_ack_command_and_answered_delivered()
    {
        var alarm = await _f.AlarmAsync();
        var reply = await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}","by":"dispatcher 7"}""");

        Assert.Equal(CommandStatus.Ok, reply.Status);
        Assert.Equal("delivered", Json(reply).GetProperty("delivery").GetString());
        var sent = Assert.Single(_f.Channel.Sent);
        Assert.Equal(("pb-1", "ack"), (sent.DeviceId, sent.Name));
        Assert.Equal(alarm, JsonDocument.Parse(sent.Payload).RootElement.GetProperty("id").GetString());
        Assert.Equal(_f.Time.GetUtcNow() + _f.Options.QueueTtl, sent.ExpiresAt);
        Assert.Equal(("dispatcher 7", "mqtt", AckDelivery.Delivered), (_f.Ledger.Find(alarm)!.By, _f.Ledger.Find(alarm)!.Source, _f.Ledger.Find(alarm)!.Delivery));
    }

    [Fact]
    public async Task An_ack_for_an_offline_device_is_answered_queued_and_its_later_delivery_is_recorded_and_sent_upstream()
    {
        var alarm = await _f.AlarmAsync();
        _f.Channel.NextOutcome = DeliveryOutcome.Queued;
        var changes = new List<AckRecord>();
        _f.Acks.Changed += changes.Add;

        var reply = await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}"}""");
        Assert.Equal(CommandStatus.Accepted, reply.Status);
        Assert.Equal("queued", Json(reply).GetProperty("delivery").GetString());
        Assert.Empty(_f.GatewayEvents("cmd_delivered"));

        _f.Time.Advance(TimeSpan.FromMinutes(3));
        _f.Channel.DeviceTookItLater(_f.Channel.Sent[0]);
        await TestInfra.Eventually.TrueAsync(() => _f.GatewayEvents("cmd_delivered").Count == 1, TimeSpan.FromSeconds(5), "cmd_delivered in the buffer");
        var data = _f.GatewayEvents("cmd_delivered")[0].GetProperty("data");
        Assert.Equal((alarm, "pb-1", "ack"), (data.GetProperty("eventId").GetString(), data.GetProperty("device").GetString(), data.GetProperty("cmd").GetString()));
        Assert.Equal(180_000, data.GetProperty("deliveredAt").GetInt64() - data.GetProperty("queuedAt").GetInt64());
        Assert.Equal(AckDelivery.Delivered, _f.Ledger.Find(alarm)!.Delivery);
        Assert.Equal([AckDelivery.Queued, AckDelivery.Delivered], changes.Select(c => c.Delivery));
    }

    [Fact]
    public async Task Acking_twice_sends_once_and_answers_with_the_first_record()
    {
        var alarm = await _f.AlarmAsync();
        await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}","by":"first"}""");
        var second = await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}","by":"second"}""", CommandSources.IoTHubC2D);

        Assert.Single(_f.Channel.Sent);
        Assert.True(Json(second).GetProperty("duplicate").GetBoolean());
        Assert.Equal("first", Json(second).GetProperty("by").GetString());
    }

    [Fact]
    public async Task An_ack_for_an_id_this_gateway_never_saw_is_404_and_nothing_is_sent()
    {
        await _f.AlarmAsync();
        var reply = await _f.SendAsync("""{"cmd":"ack","id":"pb-9:1:1"}""");
        Assert.Equal(CommandStatus.NotFound, reply.Status);
        Assert.Contains("pb-9:1:1 never reached this gateway", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_f.Channel.Sent);
        Assert.Null(_f.Ledger.Find("pb-9:1:1"));
    }

    [Theory]
    [InlineData("""{"cmd":"ack","id":"not-an-id"}""", "is not an event id")]
    [InlineData("""{"cmd":"ack"}""", "an ack needs \"id\"")]
    [InlineData("""{"cmd":"ack","id":42}""", "an ack needs \"id\"")]
    public async Task A_malformed_ack_is_a_bad_request_naming_the_problem(string json, string problem)
    {
        var reply = await _f.SendAsync(json);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains(problem, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_f.Channel.Sent);
    }

    [Fact]
    public async Task An_over_long_acknowledger_name_is_refused()
    {
        var alarm = await _f.AlarmAsync();
        var reply = await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}","by":"{{new string('x', AlarmAcknowledger.MaxByLength + 1)}}"}""");
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Empty(_f.Channel.Sent);
    }

    [Theory]
    [InlineData(DeliveryOutcome.QueueFull, CommandStatus.TooManyRequests, "the ack was not queued")]
    [InlineData(DeliveryOutcome.Unavailable, CommandStatus.Unavailable, "broker is not running")]
    public async Task An_ack_the_channel_could_not_keep_is_an_error_and_a_later_ack_is_sent_again(DeliveryOutcome outcome, CommandStatus status, string problem)
    {
        var alarm = await _f.AlarmAsync();
        _f.Channel.NextOutcome = outcome;
        var reply = await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}"}""");
        Assert.Equal(status, reply.Status);
        Assert.Contains(problem, reply.ErrorMessage, StringComparison.Ordinal);

        _f.Channel.NextOutcome = DeliveryOutcome.Delivered;
        var retry = await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}"}""");
        Assert.Equal(CommandStatus.Ok, retry.Status);
        Assert.Equal(2, _f.Channel.Sent.Count);
    }

    [Fact]
    public async Task A_queued_ack_that_expired_undelivered_is_recorded_expired_and_a_new_ack_is_sent()
    {
        var alarm = await _f.AlarmAsync();
        _f.Channel.NextOutcome = DeliveryOutcome.Queued;
        await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}"}""");
        _f.Channel.Drop(_f.Channel.Sent[0]);
        Assert.Equal(AckDelivery.Expired, _f.Ledger.Find(alarm)!.Delivery);

        var again = await _f.SendAsync($$"""{"cmd":"ack","id":"{{alarm}}"}""");
        Assert.False(Json(again).GetProperty("duplicate").GetBoolean());
        Assert.Equal(2, _f.Channel.Sent.Count);
    }

    [Fact]
    public async Task A_console_ack_emits_alarm_ack_upstream_with_the_operator_and_a_cloud_ack_does_not()
    {
        var local = await _f.AlarmAsync("pb-1", 1);
        var cloud = await _f.AlarmAsync("pb-1", 2);
        await _f.Acks.AckAsync(local, "officer Dlamini", CommandSources.Console, CancellationToken.None);
        await _f.Acks.AckAsync(cloud, "dispatch", CommandSources.IoTHubMethod, CancellationToken.None);

        var ack = Assert.Single(_f.GatewayEvents("alarm_ack"));
        Assert.Equal(("gw-1", 4L), (ack.GetProperty("dev").GetString(), ack.GetProperty("boot").GetInt64()));
        Assert.Equal(local, ack.GetProperty("data").GetProperty("eventId").GetString());
        Assert.Equal("officer Dlamini", ack.GetProperty("data").GetProperty("by").GetString());
    }
}
