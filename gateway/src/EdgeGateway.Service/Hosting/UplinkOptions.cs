using EdgeGateway.CloudBridge.FileSink;
using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.CloudBridge.Resilience;

namespace EdgeGateway.Service.Hosting;

/// <summary>Section <c>Uplink</c>: which hub the forwarder sends to.</summary>
public sealed class UplinkOptions
{
    public const string FileKind = "file";
    public const string MqttKind = "mqtt";
    public const string IoTHubKind = "iothub";

    /// <summary><c>file</c> (default, works offline), <c>mqtt</c> or <c>iothub</c>.</summary>
    public string Kind { get; set; } = FileKind;

    public FileSinkOptions File { get; set; } = new();

    public MqttUplinkOptions Mqtt { get; set; } = new();

    public IoTHubOptions IoTHub { get; set; } = new();

    /// <summary>Retries, circuit breaker and reconnect backoff, the same for every kind (docs/STORE-AND-FORWARD.md).</summary>
    public UplinkResilienceOptions Resilience { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        foreach (var e in Resilience.Validate()) yield return e;
        switch (Kind)
        {
            case FileKind:
                if (string.IsNullOrWhiteSpace(File.Path)) yield return "Uplink:File:Path is required";
                break;
            case MqttKind:
                foreach (var e in Mqtt.Validate()) yield return e;
                break;
            case IoTHubKind:
                foreach (var e in IoTHub.Validate()) yield return e;
                break;
            default:
                yield return $"Uplink:Kind '{Kind}' is not one of: {FileKind}, {MqttKind}, {IoTHubKind}";
                break;
        }
    }
}
