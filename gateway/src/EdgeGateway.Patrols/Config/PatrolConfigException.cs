namespace EdgeGateway.Patrols.Config;

/// <summary><c>patrols.json</c> is not usable; each problem names its line (<c>patrols.json line 12: …</c>).</summary>
public sealed class PatrolConfigException : Exception
{
    public PatrolConfigException()
    {
        Problems = [];
    }

    public PatrolConfigException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public PatrolConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public PatrolConfigException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
