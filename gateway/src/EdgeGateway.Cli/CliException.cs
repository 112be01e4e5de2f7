namespace EdgeGateway.Cli;

/// <summary>A plain error for the technician: printed as one line, exit code 1. Never carries a secret.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
