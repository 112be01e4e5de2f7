namespace EdgeGateway.Bench;

/// <summary>
/// How big each scenario runs. The defaults are the figures docs/BENCHMARKS.md quotes; <c>--quick</c> shrinks every
/// scenario to seconds (tiny loads, one run) so a test can run the whole bench on each change and see it still works.
/// Figures from a quick run say nothing about speed.
/// </summary>
internal static class BenchScale
{
    public static TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(5);

    public static TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Panics pressed in scenario 3.</summary>
    public static int Panics { get; private set; } = 200;

    /// <summary>Idle devices connected in scenarios 5 and 6.</summary>
    public static int FootprintDevices { get; private set; } = 1000;

    /// <summary>Simulated hours of the patrol night in scenario 7.</summary>
    public static int PatrolHours { get; private set; } = 12;

    public static bool Quick { get; private set; }

    /// <summary>A longer warm-up, for profiles and CPU figures of the steady state: with the default 5 s the gateway's tiered
    /// JIT is still compiling on a busy 2-core machine and shows up as a third of its CPU.</summary>
    public static void UseWarmup(TimeSpan warmup) => Warmup = warmup;

    public static void UseQuick()
    {
        Quick = true;
        Warmup = TimeSpan.FromMilliseconds(300);
        Duration = TimeSpan.FromMilliseconds(700);
        Panics = 10;
        FootprintDevices = 50;
        PatrolHours = 1;
    }
}
