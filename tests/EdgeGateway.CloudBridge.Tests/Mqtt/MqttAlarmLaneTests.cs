using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.Contracts;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Server;

namespace EdgeGateway.CloudBridge.Tests.Mqtt;

/// <summary>
/// An upstream broker (MQTTnet's, in the test) that holds its PUBACKs until the test lets them go, and records the order
/// in which it takes publishes: what the gateway queued on the link ahead of an alarm shows in that order.
/// </summary>
public sealed class MqttAlarmLaneTests : IAsyncDisposable
{
    private const int Limit = 10, Backlog = 100;
    private readonly ConcurrentQueue<string> _taken = new();
    private TaskCompletionSource _acks = Opened();
    private MqttServer? _server;

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task<int> StartBrokerAsync()
    {
        var port = FreePort.Next();
        _server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        _server.InterceptingPublishAsync += async e =>
        {
            _taken.Enqueue(UpstreamIds.Of(e.ApplicationMessage.Payload.ToArray())[0]);
            await Volatile.Read(ref _acks).Task;
        };
        await _server.StartAsync();
        return port;
    }

    [Fact]
    public async Task An_alarm_queues_behind_at_most_the_routine_inflight_limit_not_behind_the_whole_backlog()
    {
        var port = await StartBrokerAsync();
        await using var uplink = new MqttBrokerUplink(
            new MqttUplinkOptions { Port = port, MaxRoutineInflight = Limit, StatusTopic = "", CommandTopic = "", AckTimeout = TimeSpan.FromSeconds(30) },
            "gw-1", null, NullLogger<MqttBrokerUplink>.Instance);
        await uplink.SendAsync([Messages.Panic("pb-0", 1)], CancellationToken.None); // connected, acks flowing
        Volatile.Write(ref _acks, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        var checkins = Enumerable.Range(1, Backlog).Select(i => Messages.Of("checkin", PriorityClass.P2, "cb-1", i)).ToList();
        var routine = uplink.SendAsync(checkins, CancellationToken.None);
        await Eventually.TrueAsync(() => _taken.Count >= 2 && uplink.RoutineSlotsFree == 0, TimeSpan.FromSeconds(10), "the broker holding the first check-in, every slot taken");
        var alarm = uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);
        Volatile.Read(ref _acks).SetResult();
        await Task.WhenAll(routine, alarm).WaitAsync(TimeSpan.FromSeconds(30));

        var order = _taken.Skip(1).ToList();
        var panicAt = order.IndexOf("pb-1:1:1");
        Assert.InRange(panicAt, 0, Limit);
        Assert.Equal(checkins.Select(c => c.EventId), order.Where(id => id != "pb-1:1:1"));
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Read(ref _acks).TrySetResult();
        if (_server is not null)
        {
            await _server.StopAsync();
            _server.Dispose();
        }
    }
}
