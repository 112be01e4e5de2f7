namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>
/// Tests that count connections against timeouts of a few seconds (the throttled hub's queue is about twice the ack
/// timeout long) run after the others, not beside them: on two cores shared with the rest of the assembly a PUBACK can be
/// late for want of a core, and the extra connection that follows is the machine's, not the gateway's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "IoT Hub timing, run alone";
}
