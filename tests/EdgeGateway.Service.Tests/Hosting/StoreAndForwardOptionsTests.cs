using EdgeGateway.Service.Hosting;

namespace EdgeGateway.Service.Tests.Hosting;

public sealed class StoreAndForwardOptionsTests
{
    [Fact]
    public void Bad_buffer_forwarder_debounce_and_back_pressure_settings_are_refused_at_start_with_every_problem_named()
    {
        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build([
            "--Broker:Port=0", "--Buffer:QuotaMb=0", "--Buffer:TtlP3=-00:00:01", "--Forwarder:Window=0",
            "--Debounce:PanicWindow=-00:00:01", "--Debounce:CheckinWindow=2.00:00:00", "--Debounce:MaxIdsPerUpdate=1", "--Broker:Limits:ReceiveMaximum=0"]));
        Assert.Contains(ex.Problems, p => p.StartsWith("Buffer:QuotaMb", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Buffer:TtlP3", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Forwarder:Window", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Debounce:PanicWindow", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Debounce:CheckinWindow", StringComparison.Ordinal));
        Assert.Contains("Debounce:MaxIdsPerUpdate 1 must be 2-1000", ex.Problems);
        Assert.Contains("Broker:Limits:ReceiveMaximum 0 must be 1-65535", ex.Problems);
    }

    [Fact]
    public void Bad_resilience_settings_are_refused_at_start_and_the_old_per_hub_retry_keys_are_unknown()
    {
        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build([
            "--Broker:Port=0", "--Uplink:Resilience:Attempts=0", "--Uplink:Resilience:BreakAfterFailures=0",
            "--Uplink:Resilience:ReconnectMin=00:01:00", "--Uplink:Resilience:ReconnectMax=00:00:01", "--Uplink:IoTHub:SendAttempts=3"]));
        Assert.Contains(ex.Problems, p => p.StartsWith("Uplink:Resilience:Attempts 0 must be 1..20", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Uplink:Resilience:BreakAfterFailures", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Uplink:Resilience:ReconnectMin", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("unknown setting 'Uplink:IoTHub:SendAttempts'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_window_that_is_not_a_time_span_is_a_plain_config_error()
    {
        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build(["--Broker:Port=0", "--Debounce:PanicWindow=soon"]));
        Assert.Contains(ex.Problems, p => p.StartsWith("Debounce", StringComparison.Ordinal));
    }
}
