namespace EdgeGateway.Core.Debounce;

/// <summary>Holds the current <see cref="DebounceOptions"/>; readers see a whole, validated copy.</summary>
public sealed class DebounceSettings : IDebounceSettings
{
    private volatile DebounceOptions _current;

    public DebounceSettings(DebounceOptions initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = Checked(initial);
    }

    public DebounceOptions Current => _current;

    public void Update(DebounceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = Checked(options);
    }

    private static DebounceOptions Checked(DebounceOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        return options.Clone();
    }
}
