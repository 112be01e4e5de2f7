using System.Text.Json;
using EdgeGateway.Core.Commands;
using EdgeGateway.Service.Hosting;

namespace EdgeGateway.Service.Tests.Commands;

public sealed class RuntimeSettingsTests
{
    private static RuntimeSettings Defaults() => new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void A_desired_patch_changes_only_what_it_names_and_raises_changed_once()
    {
        var s = Defaults();
        var changes = 0;
        s.Changed += _ => changes++;

        Assert.Empty(s.Apply(Json("""{"debounce":{"panicWindowSeconds":10},"$version":4,"somethingElse":true}""")));

        Assert.Equal(TimeSpan.FromSeconds(10), s.PanicWindow);
        Assert.Equal(TimeSpan.FromSeconds(60), s.CheckinWindow);
        Assert.Equal(TimeSpan.FromSeconds(60), s.HeartbeatInterval);
        Assert.Equal(1, changes);
        Assert.Empty(s.Apply(Json("""{"debounce":{"panicWindowSeconds":10}}""")));
        Assert.Equal(1, changes); // no change, no event
    }

    [Fact]
    public void An_invalid_value_refuses_the_whole_patch_and_null_restores_the_default()
    {
        var s = Defaults();
        var problems = s.Apply(Json("""{"debounce":{"panicWindowSeconds":5,"checkinWindowSeconds":-1},"heartbeatIntervalSeconds":"fast"}"""));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("checkinWindowSeconds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("heartbeatIntervalSeconds", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(30), s.PanicWindow); // the valid part was not applied either

        Assert.Empty(s.Apply(Json("""{"heartbeatIntervalSeconds":300}""")));
        Assert.Empty(s.Apply(Json("""{"heartbeatIntervalSeconds":null}""")));
        Assert.Equal(TimeSpan.FromSeconds(60), s.HeartbeatInterval);
        Assert.NotEmpty(s.Apply(Json("""{"debounce":"off"}""")));
    }

    [Fact]
    public void A_bad_iothub_connection_string_stops_the_start_with_a_plain_error_that_hides_the_key()
    {
        const string key = "bm90LWEtcmVhbC1rZXktYnV0LWxvbmctZW5vdWdo";
        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build(
        [
            "--Uplink:Kind=iothub",
            $"--Uplink:IoTHub:ConnectionString=HostName=h.azure-devices.net;SharedAccessKey={key}",
            "--Uplink:IoTHub:CaCertificatePath=/nonexistent/ca.pem",
        ]));
        Assert.Contains("has no DeviceId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EDGEGW_Uplink__IoTHub__ConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'/nonexistent/ca.pem' does not exist", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build(["--Uplink:Kind=azure"]));
        Assert.Contains("iothub", unknown.Message, StringComparison.Ordinal);
    }
}
