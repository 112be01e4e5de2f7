using EdgeGateway.Service.Hosting;

namespace EdgeGateway.Gpio.Tests;

public class GpioOptionsTests
{
    private static List<string> Problems(Action<GpioOptions> change, bool chip = true)
    {
        var o = new GpioOptions { Enabled = true };
        change(o);
        return o.Validate(_ => chip).ToList();
    }

    [Fact]
    public void The_defaults_are_valid_and_disabled_GPIO_is_not_checked()
    {
        Assert.Empty(Problems(_ => { }));
        Assert.Empty(new GpioOptions { Enabled = false, Driver = "nonsense" }.Validate(_ => false));
    }

    [Fact]
    public void Bad_pins_and_drivers_are_named_by_their_setting()
    {
        Assert.Equal(["Gpio:RedLed:Pin 17 is already used by Gpio:Siren:Pin"], Problems(o => o.RedLed.Pin = 17));
        Assert.Equal(["Gpio:Tamper:Pin 40 is out of range (BCM GPIO 0..27)"], Problems(o => o.Tamper.Pin = 40));
        Assert.Contains("Gpio:Driver 'pigpio' is unknown", Assert.Single(Problems(o => o.Driver = "pigpio")), StringComparison.Ordinal);
        Assert.Contains("Gpio:Siren:Pattern", Assert.Single(Problems(o => o.Siren.Pattern = "00:00:01")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_without_a_gpio_chip_is_refused_unless_the_driver_is_fake()
    {
        Assert.Contains("no /dev/gpiochip0", Assert.Single(Problems(_ => { }, chip: false)), StringComparison.Ordinal);
        Assert.Empty(Problems(o => o.Driver = GpioOptions.FakeDriver, chip: false));
    }

    [Fact]
    public void The_gateway_stops_at_start_naming_the_bad_setting()
    {
        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build(["--Gpio:Enabled=true", "--Gpio:Driver=fake", "--Gpio:Button:Pin=22"]));

        Assert.Contains("Gpio:Button:Pin 22 is already used by Gpio:GreenLed:Pin", ex.Message, StringComparison.Ordinal);
    }
}
