using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeGateway.CloudBridge.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

public sealed class ConnectionStringAndSasTests
{
    private const string Key = "c2VjcmV0LWtleS1vZi10aGUtZ2F0ZXdheS0xMjM0NTY=";

    [Fact]
    public void A_device_connection_string_parses_and_never_shows_its_key()
    {
        var cs = IoTHubConnectionString.Parse($"HostName=contoso.azure-devices.net;DeviceId=gw-7;SharedAccessKey={Key}");
        Assert.Equal("contoso.azure-devices.net", cs.HostName);
        Assert.Equal("gw-7", cs.DeviceId);
        Assert.Equal(Convert.FromBase64String(Key), cs.Key);
        Assert.DoesNotContain(Key, cs.ToString(), StringComparison.Ordinal);
        Assert.Contains("SharedAccessKey=***", cs.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("HostName=h.azure-devices.net;DeviceId=gw", "no SharedAccessKey")]
    [InlineData("DeviceId=gw;SharedAccessKey=" + Key, "no HostName")]
    [InlineData("HostName=h.azure-devices.net;SharedAccessKey=" + Key, "no DeviceId")]
    [InlineData("HostName=h.azure-devices.net;DeviceId=gw;SharedAccessKey=not*base64!" + "secretpart", "not valid base64")]
    [InlineData("HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + Key, "hub-level")]
    [InlineData("HostName=h.azure-devices.net;DeviceId=gw;garbage;SharedAccessKey=" + Key, "without 'name=value'")]
    public void A_bad_connection_string_gets_a_clear_error_without_the_key(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => IoTHubConnectionString.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secretpart", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sas_token_signs_the_url_encoded_resource_and_expiry_with_the_device_key()
    {
        var key = Convert.FromBase64String(Key);
        var expiry = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
        var token = SasToken.Create(SasToken.DeviceResource("contoso.azure-devices.net", "gw-7"), key, expiry);

        // Computed here by hand, following the documented recipe.
        const string encoded = "contoso.azure-devices.net%2Fdevices%2Fgw-7";
        var sig = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(encoded + "\n1900000000")));
        Assert.Equal($"SharedAccessSignature sr={encoded}&sig={Uri.EscapeDataString(sig)}&se=1900000000", token);
        Assert.Contains("se=" + expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), token, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_validation_names_the_environment_variable_and_tier_rates_follow_the_hub_throttles()
    {
        var problems = new IoTHubOptions().Validate().ToList();
        Assert.Contains(problems, p => p.Contains("EDGEGW_Uplink__IoTHub__ConnectionString", StringComparison.Ordinal));
        Assert.Equal(100, new IoTHubOptions { Tier = IoTHubTier.S1 }.EffectiveSendRate);
        Assert.Equal(240, new IoTHubOptions { Tier = IoTHubTier.S2, Units = 2 }.EffectiveSendRate);
        Assert.Equal(6000, new IoTHubOptions { Tier = IoTHubTier.S3 }.EffectiveSendRate);
        Assert.Equal(7, new IoTHubOptions { SendRatePerSecond = 7 }.EffectiveSendRate);
    }

    [Theory]
    [InlineData(0, 0, "MaxInflight 0 must be 1..65535")]
    [InlineData(70000, 4, "MaxInflight 70000 must be 1..65535")]
    [InlineData(4, 4, "MaxAlarmInflight 4 must be 1..3")]
    [InlineData(4, 0, "MaxAlarmInflight 0 must be 1..3")]
    public void An_inflight_cap_that_could_not_carry_traffic_is_refused_with_its_name_and_range(int maxInflight, int alarms, string problem)
    {
        var problems = new IoTHubOptions { MaxInflight = maxInflight, MaxAlarmInflight = alarms }.Validate().ToList();
        Assert.Contains(problems, p => p.Contains("Uplink:IoTHub:" + problem, StringComparison.Ordinal));
        Assert.DoesNotContain(new IoTHubOptions().Validate(), p => p.Contains("Inflight", StringComparison.Ordinal) || p.Contains("MaxAlarmInflight", StringComparison.Ordinal));
    }
}
