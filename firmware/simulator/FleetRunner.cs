using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Host;

namespace EdgeGateway.Simulator;

/// <summary>
/// Runs N virtual panic buttons and M checkpoint beacons in one process against a gateway: automatic presses and
/// taps on a staggered schedule, and/or a scripted scenario. Prints every LED and buzzer transition.
/// </summary>
internal sealed class FleetRunner
{
    private readonly FleetOptions _options;
    private readonly TextWriter _out;

    public FleetRunner(FleetOptions options, TextWriter output)
    {
        _options = options;
        _out = output;
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (_options.Duration > TimeSpan.Zero) stop.CancelAfter(_options.Duration);
        var devices = new Dictionary<string, VirtualDevice>(StringComparer.Ordinal);
        try
        {
            var unknown = _options.Scenario.Select(s => s.Device).FirstOrDefault(d => !IsInFleet(d));
            if (unknown is not null)
            {
                await Console.Error.WriteLineAsync($"edgegw-sim: the scenario names {unknown}, which is not in the fleet (--panic-buttons {_options.PanicButtons} --beacons {_options.Beacons})").ConfigureAwait(false);
                return 2;
            }
            foreach (var id in DeviceIds())
            {
                var device = Create(id);
                device.Led.Changed += s => Print($"device  {id} LED {s}");
                device.Buzzer.Played += p => Print($"device  {id} BUZZER {p}");
                device.Rebooted += b => Print($"device  {id} rebooted (boot {b})");
                devices[id] = device;
                var bootId = await device.StartAsync(stop.Token).ConfigureAwait(false);
                Print($"device  {id} connected, boot event {bootId}");
            }
            var loops = new List<Task>();
            if (_options.PressEvery > TimeSpan.Zero)
                loops.AddRange(devices.Values.Select((d, i) => AutoLoopAsync(d, i, devices.Count, stop.Token)));
            if (_options.Scenario.Count > 0) loops.Add(RunScenarioAsync(devices, stop.Token));
            if (loops.Count == 0 || _options.Duration <= TimeSpan.Zero) loops.Add(Task.Delay(Timeout.Infinite, stop.Token));
            await Task.WhenAll(loops).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"edgegw-sim: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            await Console.Error.WriteLineAsync($"edgegw-sim: cannot reach the gateway at {_options.Host}:{_options.Port}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            foreach (var d in devices.Values) await d.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IEnumerable<string> DeviceIds()
    {
        for (var i = 1; i <= _options.PanicButtons; i++) yield return $"pb-{i:D4}";
        for (var i = 1; i <= _options.Beacons; i++) yield return $"cb-{i:D4}";
    }

    private bool IsInFleet(string id) => DeviceIds().Contains(id, StringComparer.Ordinal);

    private VirtualDevice Create(string id)
    {
        var link = new MqttLinkOptions { Host = _options.Host, Port = _options.Port, DeviceId = id, Secret = DeviceSecrets.Load(_options.SecretsDirectory, id) };
        var flash = new FileFlashStore(_options.StateDirectory, id);
        var heartbeatMs = (long)_options.Heartbeat.TotalMilliseconds;
        return id.StartsWith("pb-", StringComparison.Ordinal)
            ? new VirtualPanicButton(link, flash, settings: new PanicButtonSettings { HeartbeatMs = heartbeatMs })
            : new VirtualBeacon(link, "cp-" + id[3..], flash, heartbeatMs: heartbeatMs);
    }

    private async Task AutoLoopAsync(VirtualDevice device, int index, int count, CancellationToken ct)
    {
        var offset = _options.PressEvery * index / Math.Max(count, 1);
        try
        {
            await Task.Delay(offset + TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            var n = 0;
            while (!ct.IsCancellationRequested)
            {
                if (device is VirtualPanicButton pb) Print($"device  {pb.DeviceId} PRESS -> {pb.Press()}");
                if (device is VirtualBeacon cb) Print($"device  {cb.DeviceId} TAP -> {cb.Tap([0x04, 0x10, 0x20, (byte)(n++ % 8)])}");
                await Task.Delay(_options.PressEvery, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task RunScenarioAsync(Dictionary<string, VirtualDevice> devices, CancellationToken ct)
    {
        var start = _options.ScenarioStart;
        var holds = new List<Task>();
        foreach (var step in _options.Scenario)
        {
            var wait = step.At - (DateTime.UtcNow - start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
            var device = devices[step.Device];
            var pb = device as VirtualPanicButton;
            switch (step.Action)
            {
                case "press": Print($"device  {step.Device} PRESS -> {pb!.Press()}"); break;
                case "hold": holds.Add(HoldAsync(pb!, step.Duration, ct)); break;
                case "tap": Print($"device  {step.Device} TAP {Convert.ToHexString(step.Uid!)} -> {((VirtualBeacon)device).Tap(step.Uid!)}"); break;
                case "tamper": device.Sensors.TamperOpen = true; Print($"device  {step.Device} enclosure opened"); break;
                case "untamper": device.Sensors.TamperOpen = false; Print($"device  {step.Device} enclosure closed"); break;
                case "battery": device.Sensors.BatteryMillivolts = (int)(step.Volts * 1000); Print($"device  {step.Device} battery {step.Volts} V"); break;
                case "test-mode": pb!.Machine.ArmTestMode((long)step.Duration.TotalMilliseconds); Print($"device  {step.Device} test mode armed for {step.Duration}"); break;
                case "reboot": device.Reboot(); Print($"device  {step.Device} rebooting"); break;
            }
        }
        await Task.WhenAll(holds).ConfigureAwait(false);
        Print("scenario done");
    }

    private async Task HoldAsync(VirtualPanicButton device, TimeSpan duration, CancellationToken ct)
    {
        Print($"device  {device.DeviceId} BUTTON DOWN -> {device.Machine.ButtonDown()}");
        try { await Task.Delay(duration, ct).ConfigureAwait(false); }
        finally
        {
            device.Machine.ButtonUp();
            Print($"device  {device.DeviceId} BUTTON UP after {duration}");
        }
    }

    private void Print(string line)
    {
        lock (_out) _out.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");
    }
}
