using System.Net;
using System.Net.Http.Headers;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using MQTTnet;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>/metrics read by a real Prometheus text parser, its figures checked against what the test sent.</summary>
public sealed class MetricsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_count_what_was_sent()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var password = console.AddOperator("m", OperatorRole.Operator);
        var devices = new List<VirtualPanicButton>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = $"pb-m{i}" }, boot: 1);
            devices.Add(device);
            await device.ConnectAsync(CancellationToken.None);
            ids.Add(device.Press());
        }
        await SendGarbageAsync(console.Gateway.Port);
        await Eventually.TrueAsync(() => console.Gateway.Metrics.StoredTotal >= 3 && console.Gateway.Metrics.RejectedTotal >= 1, Wait, "3 panics stored and 1 refusal");

        using var session = new ConsoleSession(console.Url);
        await session.LoginOrFailAsync("m", password);
        await AckApiTests.AlarmAsync(session, ids[0]);
        Assert.Equal(HttpStatusCode.OK, (await session.SendAsync(HttpMethod.Post, $"/api/v1/alarms/{ids[0]}/ack")).StatusCode);
        await Eventually.TrueAsync(() => devices[0].Led.Current == LedState.Acknowledged, Wait, "the LED to show acknowledged");

        using var anonymous = new HttpClient { BaseAddress = new Uri(console.Url) };
        var response = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var samples = await PrometheusText.ParseAsync(text);
        double Value(string name, string? label = null, string? value = null) =>
            samples.Single(s => s.Name == name && (label is null || s.Labels.GetValueOrDefault(label) == value)).Value;

        Assert.Equal(console.Gateway.Metrics.StoredTotal, Value("edgegw_events_stored_total"));
        Assert.True(Value("edgegw_events_stored_total") >= 4, "3 panics and the gateway's alarm_ack");
        Assert.Equal("counter", samples.First(s => s.Name == "edgegw_events_stored_total").Type);
        Assert.Equal(1, Value("edgegw_envelopes_rejected_total", "reason", "NotJson"));
        Assert.Equal(1, Value("edgegw_alarm_ack_latency_seconds_count", "source", "console"));
        Assert.Equal(2, Value("edgegw_uplink_state")); // the file uplink is always connected
        var p0 = Value("edgegw_buffer_depth", "prio", "P0");
        Assert.InRange(p0, 0, 3);
        Assert.Equal("histogram", samples.First(s => s.Name == "edgegw_alarm_ack_latency_seconds_count").Type);
        foreach (var d in devices) await d.DisposeAsync();
    }

    [Fact]
    public async Task With_a_metrics_token_set_metrics_need_it()
    {
        await using var console = await ConsoleHarness.StartAsync("--Console:MetricsToken=scrape-secret-123");
        using var http = new HttpClient { BaseAddress = new Uri(console.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-secret-123");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
    }

    private static async Task SendGarbageAsync(int port)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("pb-junk").Build());
        try
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sec/v1/pb-junk/evt").WithPayload("not json")
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // refused by disconnecting, as designed
        }
    }
}
