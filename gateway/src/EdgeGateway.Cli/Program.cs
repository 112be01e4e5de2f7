using System.CommandLine;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EdgeGateway.Cli;
using EdgeGateway.Cli.Patrols;
using EdgeGateway.Cli.Serial;
using EdgeGateway.Core.Devices;

var dataDir = new Option<string>("--data-dir") { Description = "The gateway's data directory (holds registry.db, patrols.db, patrols.json)", DefaultValueFactory = _ => "data", Recursive = true };

var id = new Option<string>("--id") { Description = "Device id (1-64 of A-Z a-z 0-9 - _)", Required = true };
var type = new Option<string>("--type") { Description = "Device type: " + string.Join(" or ", DeviceKinds.All), Required = true };
type.AcceptOnlyFromAmong([.. DeviceKinds.All]);
var site = new Option<string>("--site") { Description = "Site id", Required = true };
var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint id (beacons)" };
var secretFile = new Option<string>("--secret-file") { Description = "File holding the device secret; created with a random one if missing", Required = true };
var port = new Option<string>("--port") { Description = "Serial port of the USB-UART adapter on the device's provisioning header (ESP32 UART1: GPIO32 TX, GPIO33 RX; not the board's own USB port, which is nanoFramework's debug link), e.g. /dev/ttyUSB1", Required = true };
var baud = new Option<int>("--baud") { Description = "Serial speed", DefaultValueFactory = _ => 115200 };
var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each answer from the device", DefaultValueFactory = _ => 5 };
var mqttHost = new Option<string>("--mqtt-host") { Description = "Broker address the device will use (default: this machine's first LAN IPv4)", DefaultValueFactory = _ => LanAddress() };
var mqttPort = new Option<int>("--mqtt-port") { Description = "Broker port the device will use", DefaultValueFactory = _ => 1883 };
var mqttTls = new Option<bool>("--mqtt-tls") { Description = "Device connects with TLS (use --mqtt-port 8883)" };
var wifiSsid = new Option<string?>("--wifi-ssid") { Description = "Wi-Fi network name" };
var wifiPass = new Option<string?>("--wifi-pass") { Description = "Wi-Fi password (never shown)" };
var idArg = new Argument<string>("id") { Description = "Device id" };
var outDir = new Option<string>("--out") { Description = "Directory for mosquitto.passwd and mosquitto.acl", Required = true };

var add = new Command("add", "Register a device whose secret is in a file (simulators, scripted installs)") { id, type, site, checkpoint, secretFile };
add.SetAction(parse => Cli.Run(() => DeviceAdd.Run(Cli.Registry(parse.GetValue(dataDir)!), parse.GetValue(id)!, parse.GetValue(type)!,
    parse.GetValue(site)!, parse.GetValue(checkpoint), parse.GetValue(secretFile)!, Console.Out)));

var provision = new Command("provision", "Register a device with a new random secret and write its settings over serial")
{
    port, baud, timeout, type, id, site, checkpoint, mqttHost, mqttPort, mqttTls, wifiSsid, wifiPass,
};
provision.SetAction(parse => Cli.Run(() =>
{
    if (parse.GetValue(baud) <= 0) throw new CliException("--baud must be > 0");
    if (parse.GetValue(timeout) <= 0) throw new CliException("--timeout must be > 0");
    if (parse.GetValue(mqttPort) is < 1 or > 65535) throw new CliException("--mqtt-port must be 1..65535");
    return new Provisioner(Console.Out).Run(Cli.Registry(parse.GetValue(dataDir)!), new Provisioner.Request(
        parse.GetValue(port)!, parse.GetValue(baud), parse.GetValue(id)!, parse.GetValue(type)!, parse.GetValue(site)!,
        parse.GetValue(checkpoint), parse.GetValue(mqttHost)!, parse.GetValue(mqttPort), parse.GetValue(mqttTls),
        parse.GetValue(wifiSsid), parse.GetValue(wifiPass), TimeSpan.FromSeconds(parse.GetValue(timeout))));
}));

var list = new Command("list", "List registered devices");
list.SetAction(parse => Cli.Run(() =>
{
    DeviceViews.List(Cli.Registry(parse.GetValue(dataDir)!).List());
    return 0;
}));

var show = new Command("show", "Show one device, with its last seen and last heartbeat") { idArg };
show.SetAction(parse => Cli.Run(() =>
{
    var device = Cli.Registry(parse.GetValue(dataDir)!).Find(parse.GetValue(idArg)!)
        ?? throw new CliException($"no device '{parse.GetValue(idArg)}' in the registry");
    DeviceViews.Show(device);
    return 0;
}));

var revoke = new Command("revoke", "Revoke a device: it is refused from now on, and a running gateway disconnects it within about a second") { idArg };
revoke.SetAction(parse => Cli.Run(() =>
{
    var which = parse.GetValue(idArg)!;
    if (!Cli.Registry(parse.GetValue(dataDir)!).Revoke(which)) throw new CliException($"no device '{which}' in the registry");
    Console.WriteLine($"revoked {which}: it can no longer connect; a running gateway disconnects it within about a second");
    return 0;
}));

var test = new Command("test", "Ask a device on a serial port to run TEST (Wi-Fi and broker reachable)") { port, baud, timeout };
test.SetAction(parse => Cli.Run(() =>
{
    using var link = ProvisioningLink.Open(parse.GetValue(port)!, parse.GetValue(baud), TimeSpan.FromSeconds(parse.GetValue(timeout)));
    var hello = link.Send("HELLO");
    Console.WriteLine("device: " + hello);
    var result = link.Send("TEST", TimeSpan.FromSeconds(15));
    Console.WriteLine("test:   " + result);
    return DeviceAnswer.IsOk(result) ? 0 : 3;
}));

var device = new Command("device", "Devices: register, provision over serial, list, show, revoke, test") { add, provision, list, show, revoke, test };

var export = new Command("export-mosquitto", "Write Mosquitto password and ACL files from the registry (external broker mode)") { outDir };
export.SetAction(parse => Cli.Run(() =>
{
    var (pw, acl, n) = MosquittoExport.Write(Cli.Registry(parse.GetValue(dataDir)!), parse.GetValue(outDir)!);
    Console.WriteLine($"wrote {pw} and {acl} for {n} active device(s); add to mosquitto.conf:");
    Console.WriteLine($"  allow_anonymous false\n  password_file {Path.GetFullPath(pw)}\n  acl_file {Path.GetFullPath(acl)}");
    return 0;
}));
var broker = new Command("broker", "External broker support") { export };

var root = new RootCommand("edgegw: technician CLI of the community-security edge gateway")
{
    dataDir, device, broker, PatrolCommands.Card(dataDir), PatrolCommands.Patrol(dataDir), OperatorCommands.Create(dataDir),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

static string LanAddress()
{
    foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
    {
        if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
        foreach (var a in nic.GetIPProperties().UnicastAddresses)
        {
            if (a.Address.AddressFamily == AddressFamily.InterNetwork) return a.Address.ToString();
        }
    }
    return "127.0.0.1";
}
