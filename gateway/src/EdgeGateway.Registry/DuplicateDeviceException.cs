namespace EdgeGateway.Registry;

/// <summary>A device id is already registered.</summary>
public sealed class DuplicateDeviceException : Exception
{
    public DuplicateDeviceException(string id)
        : base($"device id '{id}' is already registered")
    {
        Id = id;
    }

    public DuplicateDeviceException()
    {
        Id = "";
    }

    public DuplicateDeviceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Id = "";
    }

    public string Id { get; }
}
