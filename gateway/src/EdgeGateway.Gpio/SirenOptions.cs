using System.Globalization;

namespace EdgeGateway.Gpio;

/// <summary>Section <c>Gpio:Siren</c>: the siren relay's pin, its sounding pattern and its limit per alarm.</summary>
public sealed class SirenOptions : OutputPinOptions
{
    public static readonly TimeSpan MinStep = TimeSpan.FromMilliseconds(50);

    public SirenOptions() => Pin = 17;

    /// <summary>On, off, on, off … durations (comma-separated <c>hh:mm:ss.fff</c>), repeated while the siren sounds.</summary>
    public string Pattern { get; set; } = "00:00:01,00:00:00.500";

    /// <summary>The siren stops after this per alarm, even unacknowledged (the red LED stays on).</summary>
    public TimeSpan MaxSounding { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The pattern's steps; empty when it is not valid (see <see cref="Validate"/>).</summary>
    public IReadOnlyList<TimeSpan> Steps()
    {
        var steps = new List<TimeSpan>();
        foreach (var part in Pattern.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var step) || step < MinStep) return [];
            steps.Add(step);
        }
        return steps.Count % 2 == 0 ? steps : [];
    }

    public IEnumerable<string> Validate()
    {
        if (Steps().Count == 0)
            yield return $"Gpio:Siren:Pattern '{Pattern}' must be pairs of on,off durations (e.g. 00:00:01,00:00:00.500), each at least {MinStep.TotalMilliseconds} ms";
        if (MaxSounding < TimeSpan.FromSeconds(1) || MaxSounding > TimeSpan.FromHours(1))
            yield return "Gpio:Siren:MaxSounding must be between 00:00:01 and 01:00:00";
    }
}
