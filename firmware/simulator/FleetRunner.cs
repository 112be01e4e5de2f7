using EdgeGateway.Firmware.Host;

namespace EdgeGateway.Simulator;

/// <summary>Connects N virtual panic buttons and presses each on a staggered schedule, printing what their LEDs show.</summary>
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
        var devices = new List<VirtualPanicButton>();
        try
        {
            for (var i = 1; i <= _options.PanicButtons; i++)
            {
                var id = $"pb-{i:D4}";
                var boot = FileBootCounter.Next(_options.StateDirectory, id);
                var device = new VirtualPanicButton(new MqttLinkOptions { Host = _options.Host, Port = _options.Port, DeviceId = id, Secret = DeviceSecrets.Load(_options.SecretsDirectory, id) }, boot);
                device.Led.Changed += s => Print($"device  {id} LED {s}");
                await device.ConnectAsync(stop.Token).ConfigureAwait(false);
                devices.Add(device);
                Print($"device  {id} connected (boot {boot})");
            }
            var loops = devices.Select((d, i) => PressLoopAsync(d, i, devices.Count, stop.Token)).ToArray();
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
            foreach (var d in devices) await d.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PressLoopAsync(VirtualPanicButton device, int index, int count, CancellationToken ct)
    {
        var offset = _options.PressEvery * index / Math.Max(count, 1);
        try
        {
            await Task.Delay(offset + TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                var id = device.Press();
                Print($"device  {device.DeviceId} PRESS -> panic {id}");
                await Task.Delay(_options.PressEvery, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void Print(string line)
    {
        lock (_out) _out.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");
    }
}
