namespace EdgeGateway.Console.Tests;

public sealed class ConsoleOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", false, null)]
    [InlineData("http://0.0.0.0:0", false, null)]
    [InlineData("ftp://127.0.0.1:21", false, "must be http://IP:port or https://IP:port")]
    [InlineData("http://ward.example:8080", false, "must name an IP address")]
    [InlineData("http://127.0.0.1:8080/console", false, "must not have a path")]
    [InlineData("https://127.0.0.1:8443", false, "Console:Tls:Enabled is false")]
    [InlineData("http://127.0.0.1:8080", true, "Console:Url is http://")]
    public void Bad_settings_are_refused_at_start_naming_the_key(string url, bool tls, string? problem)
    {
        var options = new ConsoleOptions { Url = url, Tls = { Enabled = tls, CertificatePath = tls ? "/nonexistent.pfx" : "" } };
        var problems = options.Validate().ToList();
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Tls_needs_a_certificate_file_that_exists()
    {
        var options = new ConsoleOptions { Url = "https://127.0.0.1:8443", Tls = { Enabled = true, CertificatePath = "/nonexistent.pfx" } };
        Assert.Contains("Console:Tls:CertificatePath '/nonexistent.pfx' does not exist", options.Validate());
    }

    [Theory]
    [InlineData(30, 512, null)]
    [InlineData(0, 512, "Console:HistoryDays 0 must be 1..3650")]
    [InlineData(3651, 512, "Console:HistoryDays 3651 must be 1..3650")]
    [InlineData(30, 0.5, "Console:HistoryMaxMb 0.5 must be >= 1")]
    public void History_retention_out_of_range_is_refused_naming_the_key(int days, double maxMb, string? problem)
    {
        var problems = new ConsoleOptions { HistoryDays = days, HistoryMaxMb = maxMb }.Validate().ToList();
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_disabled_console_is_not_checked()
    {
        Assert.Empty(new ConsoleOptions { Enabled = false, Url = "nonsense" }.Validate());
    }
}
