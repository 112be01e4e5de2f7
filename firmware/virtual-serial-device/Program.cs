using System.CommandLine;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.VirtualSerialDevice;

var serial = new Option<string>("--serial") { Description = "The device's end of the serial line (e.g. a socat pty link)", Required = true };
var state = new Option<string>("--state-dir") { Description = "The device's virtual flash (config.txt, boot counter)", Required = true };
var model = new Option<string>("--model") { Description = "Model reported by HELLO", DefaultValueFactory = _ => "panic-button" };
var hw = new Option<string>("--hw-id") { Description = "Hardware id reported by HELLO", DefaultValueFactory = _ => "vdev-0001" };
var held = new Option<bool>("--button-held") { Description = "Simulate the button held at power-up (unlocks a provisioned device)" };
var every = new Option<double>("--heartbeat-every") { Description = "Seconds between heartbeats once provisioned", DefaultValueFactory = _ => 30 };

var root = new RootCommand("edgegw-vdev: a virtual device on a serial port, for provisioning tests and demos") { serial, state, model, hw, held, every };
root.SetAction(async (parse, ct) =>
{
    if (parse.GetValue(every) <= 0)
    {
        await Console.Error.WriteLineAsync("edgegw-vdev: --heartbeat-every must be > 0").ConfigureAwait(false);
        return 2;
    }
    var runner = new SerialDeviceRunner(parse.GetValue(serial)!, parse.GetValue(state)!,
        new DeviceIdentity(parse.GetValue(model)!, "1.0.0-host", parse.GetValue(hw)!), parse.GetValue(held),
        TimeSpan.FromSeconds(parse.GetValue(every)), Console.Out);
    try
    {
        return await runner.RunAsync(ct).ConfigureAwait(false);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
    {
        await Console.Error.WriteLineAsync("edgegw-vdev: serial line lost: " + ex.Message).ConfigureAwait(false);
        return 1;
    }
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
