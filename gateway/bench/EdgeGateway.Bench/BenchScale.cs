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
