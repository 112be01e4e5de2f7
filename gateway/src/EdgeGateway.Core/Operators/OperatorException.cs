namespace EdgeGateway.Core.Operators;

/// <summary>An operator could not be added or changed; the message names the problem.</summary>
public sealed class OperatorException : Exception
{
    public OperatorException(string message) : base(message)
    {
    }

    public OperatorException()
    {
    }

    public OperatorException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
