using EdgeGateway.Cli.Serial;
using EdgeGateway.Registry;

namespace EdgeGateway.Cli;

/// <summary>
/// <c>device provision</c>: registers the device with a fresh random secret, writes its settings over the serial
/// line, commits, runs TEST, reboots it, and prints a summary. If the device cannot be written, the registry
/// entry is rolled back so the id can be used again. The secret is shown nowhere (sent only in the SET line).
/// </summary>
internal sealed class Provisioner
{
    private readonly TextWriter _out;

    public Provisioner(TextWriter output) => _out = output;

    public sealed record Request(string Port, int Baud, string Id, string Type, string Site, string? Checkpoint,
        string MqttHost, int MqttPort, bool MqttTls, string? WifiSsid, string? WifiPass, TimeSpan Timeout);

    public int Run(DeviceRegistry registry, Request r)
    {
        if (registry.Find(r.Id) is { } existing)
        {
            throw new CliException($"device id '{r.Id}' is already in use ({existing.Type} at {existing.Site}, {existing.State.ToString().ToLowerInvariant()}, registered {DeviceRegistry.Format(existing.Created)}): choose another id");
        }
        using var link = ProvisioningLink.Open(r.Port, r.Baud, r.Timeout);
        Step(1, "contacting the device on " + r.Port);
        var hello = link.Send("HELLO");
        if (!DeviceAnswer.IsOk(hello)) throw new CliException("the device refused HELLO: " + hello);
        var model = DeviceAnswer.Field(hello, "model") ?? "?";
        Done($"{model}, firmware {DeviceAnswer.Field(hello, "fw") ?? "?"}, hardware {DeviceAnswer.Field(hello, "hw") ?? "?"}, provisioned={DeviceAnswer.Field(hello, "provisioned") ?? "?"}");

        Step(2, "registering " + r.Id + " with the gateway (new random secret, 192 bits)");
        var secret = SecretHasher.NewSecret();
        try
        {
            registry.Add(r.Id, r.Type, r.Site, r.Checkpoint, secret, DateTimeOffset.UtcNow);
        }
        catch (DuplicateDeviceException)
        {
            throw new CliException($"device id '{r.Id}' is already in use: choose another id");
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Split(" (Parameter", 2)[0]);
        }
        Done("registered");

        var committed = false;
        try
        {
            Step(3, "writing settings");
            var settings = new List<(string Key, string Value, bool Secret)>
            {
                ("device.id", r.Id, false),
                ("site.id", r.Site, false),
                ("mqtt.host", r.MqttHost, false),
                ("mqtt.port", r.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture), false),
                ("mqtt.tls", r.MqttTls ? "true" : "false", false),
            };
            if (r.Checkpoint is not null) settings.Add(("checkpoint.id", r.Checkpoint, false));
            if (r.WifiSsid is not null) settings.Add(("wifi.ssid", r.WifiSsid, false));
            if (r.WifiPass is not null) settings.Add(("wifi.pass", r.WifiPass, true));
            settings.Add(("device.secret", secret, true));
            foreach (var (key, value, isSecret) in settings)
            {
                var answer = link.Send("SET " + key + " " + value);
                if (!DeviceAnswer.IsOk(answer)) throw new CliException($"the device refused {key}: {answer}");
                _out.WriteLine($"      {key} = {(isSecret ? "***" : value)}");
            }
            Step(4, "committing");
            var commit = link.Send("COMMIT");
            if (!DeviceAnswer.IsOk(commit)) throw new CliException("the device refused COMMIT: " + commit);
            committed = true;
            Done("saved on the device");
        }
        catch (CliException)
        {
            if (!committed && registry.Remove(r.Id))
            {
                _out.WriteLine($"      rolled back: {r.Id} removed from the registry, the id can be used again");
            }
            throw;
        }

        Step(5, "running TEST (Wi-Fi and broker reachable)");
        var test = link.Send("TEST", TimeSpan.FromSeconds(15)); // the device connects to the broker (its own timeout is shorter)
        var testOk = DeviceAnswer.IsOk(test);
        Done(testOk ? "passed: " + test : "FAILED: " + test);

        Step(6, "rebooting into normal operation");
        var reboot = link.Send("REBOOT");
        Done(DeviceAnswer.IsOk(reboot) ? "rebooting" : "reboot refused: " + reboot);

        _out.WriteLine();
        _out.WriteLine("summary");
        _out.WriteLine($"  device   {r.Id} ({r.Type}) at site {r.Site}{(r.Checkpoint is null ? "" : ", checkpoint " + r.Checkpoint)}");
        _out.WriteLine($"  broker   {r.MqttHost}:{r.MqttPort}{(r.MqttTls ? " (TLS)" : "")}");
        _out.WriteLine("  secret   written to the device and hashed in the gateway registry (never shown)");
        _out.WriteLine($"  test     {(testOk ? "OK" : "FAILED: " + test)}");
        _out.WriteLine($"  next     `edgegw device show {r.Id}` shows its first heartbeat");
        return testOk ? 0 : 3;
    }

    private void Step(int n, string what) => _out.WriteLine($"[{n}/6] {what}");

    private void Done(string what) => _out.WriteLine("      " + what);
}
