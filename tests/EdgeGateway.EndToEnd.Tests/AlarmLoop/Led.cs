using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.AlarmLoop;

internal static class Led
{
    /// <summary>Completes when the device's LED shows <paramref name="state"/> (now or later); fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(VirtualDevice device, LedState state, TimeSpan timeout, string what)
    {
        var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.Led.Changed += s => { if (s == state) reached.TrySetResult(true); };
        if (device.Led.Current == state) reached.TrySetResult(true);
        await Eventually.WithinAsync(reached.Task, timeout, what);
    }
}
