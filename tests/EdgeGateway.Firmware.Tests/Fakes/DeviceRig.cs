using System.Text;
using System.Text.Json;
using EdgeGateway.Firmware.Core.Beacon;
using EdgeGateway.Firmware.Core.Buffering;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Host;

namespace EdgeGateway.Firmware.Tests.Fakes;

/// <summary>All the fake hardware of one device. The flash and clock outlive machines, so building another machine is a reboot.</summary>
internal sealed class DeviceRig
{
    public FakeClock Clock { get; } = new();
    public ScriptedLink Link { get; } = new();
    public RecordingLed Led { get; private set; } = new();
    public FakeBuzzer Buzzer { get; } = new();
    public FakeFlash Flash { get; } = new();
    public FakeSensors Sensors { get; } = new();
    public FakeReboot Reboots { get; } = new();
    public FakeCardReader Reader { get; } = new();

    public int OutboxCapacity { get; set; } = Outbox.DefaultCapacity;

    public DeviceSeams Seams() => new()
    {
        Clock = Clock, Led = Led, Buzzer = Buzzer, Link = Link, Flash = Flash, Sensors = Sensors, Reboot = Reboots, FirmwareVersion = "1.2.3",
        OutboxCapacity = OutboxCapacity,
    };

    public PanicButtonMachine PanicButton(PanicButtonSettings? settings = null)
    {
        Led = new RecordingLed();
        return new PanicButtonMachine("pb-7", Seams(), settings ?? new PanicButtonSettings());
    }

    public CheckpointBeaconMachine Beacon(long heartbeatMs = 60_000)
    {
        Led = new RecordingLed();
        return new CheckpointBeaconMachine("cb-1", "gate-north", Reader, Seams(), heartbeatMs, 3400);
    }

    public string Json(int i) => Encoding.UTF8.GetString(Link.Published[i].Payload);

    public JsonElement Envelope(int i) => JsonDocument.Parse(Link.Published[i].Payload).RootElement;

    public string Type(int i) => Envelope(i).GetProperty("type").GetString()!;

    public string Id(int i)
    {
        var e = Envelope(i);
        return $"{e.GetProperty("dev").GetString()}:{e.GetProperty("boot").GetInt64()}:{e.GetProperty("seq").GetInt64()}";
    }

    public List<string> Types() => Enumerable.Range(0, Link.Published.Count).Select(Type).ToList();

    public void AckAll()
    {
        foreach (var p in Link.Published.ToArray()) Link.Ack(p.Token);
    }
}
