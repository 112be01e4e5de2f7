namespace EdgeGateway.Contracts.Commands;

/// <summary>Where a command came from; recorded with every ack so a duty officer and dispatch see who acted.</summary>
public static class CommandSources
{
    public const string IoTHubC2D = "iothub-c2d";
    public const string IoTHubMethod = "iothub-method";
    public const string Mqtt = "mqtt";
    public const string Console = "console";
    public const string Cli = "cli";
}
