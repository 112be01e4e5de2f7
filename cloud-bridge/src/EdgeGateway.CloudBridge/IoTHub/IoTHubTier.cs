namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>IoT Hub pricing tiers; each has its own device-to-cloud send throttle.</summary>
public enum IoTHubTier
{
    F1 = 0,
    B1,
    S1,
    B2,
    S2,
    B3,
    S3,
}
