using System.Diagnostics;
using System.Security.Cryptography;
using EdgeGateway.TestInfra.IoTHub;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>A hub that rejects the gateway's key: one clear error, and alarms do not turn the reconnects into a storm.</summary>
[Collection(RunsAlone.Name)]
public sealed class IoTHubRefusalTests
{
    private static readonly TimeSpan ReconnectMin = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Panics_sent_while_the_hub_rejects_the_key_do_not_speed_up_the_reconnects()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var up = new UplinkUnderTest(hub, "gw-r",
            o => o.ConnectionString = $"HostName={hub.HostName};DeviceId=gw-r;SharedAccessKey={wrongKey}",
            r =>
            {
                r.ReconnectMin = ReconnectMin;
                r.ReconnectMax = TimeSpan.FromSeconds(4);
                r.UrgentReconnectGap = TimeSpan.FromMilliseconds(100);
                r.Attempts = 2;
            });
        await Eventually.TrueAsync(() => hub.RefusedConnects >= 1, TimeSpan.FromSeconds(15), "the first refused connect");

        var before = hub.RefusedConnects;
        var window = Stopwatch.StartNew();
        var seq = 0;
        while (window.Elapsed < TimeSpan.FromSeconds(2.5))
        {
            var failure = await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync([Messages.Panic("pb-1", ++seq)], CancellationToken.None));
            Assert.Contains("BadUserNameOrPassword", failure.Message, StringComparison.Ordinal);
        }
        var made = hub.RefusedConnects - before;

        // Each panic is urgent: without the refusal rule every one would start a connect after the 100 ms gap (about 25
        // in this window). With it, attempts follow the backoff: at most one per ReconnectMin, plus the one in progress.
        var allowed = (int)(window.Elapsed / ReconnectMin) + 1;
        Assert.True(made <= allowed, $"{made} connects in {window.Elapsed.TotalSeconds:0.0} s while {seq} panics waited; the backoff allows {allowed}");
        Assert.True(seq >= 1);
        Assert.Empty(hub.Telemetry);
        var errors = up.Logs.Entries.Where(e => e.Level == LogLevel.Error && e.Id.Id == 3058).ToList();
        Assert.Single(errors); // said once, when the refusals began
        Assert.Contains("check the uplink's credentials", errors[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, up.Logs.AllText, StringComparison.Ordinal);
    }
}
