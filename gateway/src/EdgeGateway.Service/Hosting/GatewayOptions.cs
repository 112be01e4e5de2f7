using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Service.Hosting;

/// <summary>Section <c>Gateway</c>: who this gateway is and where it keeps its data.</summary>
public sealed class GatewayOptions
{
    /// <summary>The gateway's id upstream (also its IoT Hub device id).</summary>
    public string Id { get; set; } = "gw-local";

    /// <summary>Where the buffer, the registry and other state live; relative to the working directory. Other relative paths resolve against it.</summary>
    public string DataDirectory { get; set; } = "data";

    public IEnumerable<string> Validate()
    {
        if (!DeviceIds.IsValid(Id)) yield return $"Gateway:Id '{Id}' must be 1-64 characters of A-Z a-z 0-9 - _";
        if (string.IsNullOrWhiteSpace(DataDirectory)) yield return "Gateway:DataDirectory is required";
    }
}
