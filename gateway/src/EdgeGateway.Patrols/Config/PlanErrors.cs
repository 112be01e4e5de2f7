namespace EdgeGateway.Patrols.Config;

/// <summary>Collects the problems found in one file, each as <c>{file} line {n}: {what}</c>.</summary>
internal sealed class PlanErrors(string fileName, JsonLineMap lines)
{
    private readonly List<string> _problems = [];

    public int Count => _problems.Count;

    public void Add(string path, string what) => _problems.Add($"{fileName} line {lines.LineOf(path)}: {what}");

    /// <summary>The duration at <paramref name="path"/>, or <paramref name="fallback"/> when absent; a bad one is a problem.</summary>
    public TimeSpan Duration(string? text, string path, string name, TimeSpan fallback, bool positive = false)
    {
        if (text is null) return fallback;
        if (!DurationText.TryParse(text, out var value))
        {
            Add(path, $"{name} '{text}' is not a duration (write e.g. 90s, 5m, 2h or 1h30m)");
            return fallback;
        }
        if (positive && value <= TimeSpan.Zero) Add(path, $"{name} must be greater than zero (is {text})");
        else if (value < TimeSpan.Zero) Add(path, $"{name} must not be negative (is {text})");
        return value;
    }

    public void ThrowIfAny()
    {
        if (_problems.Count > 0) throw new PatrolConfigException(_problems);
    }
}
