using EdgeGateway.Core.Operators;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>One gateway whose registry holds 2,000 devices (<see cref="ManyDevices"/>), pb-0007 revoked, and an operator's session.</summary>
public sealed class DeviceListFixture : IAsyncLifetime
{
    public const int Count = 2000;

    internal ConsoleHarness Console { get; private set; } = null!;
    internal ConsoleSession Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Console = await ConsoleHarness.StartAsync();
        ManyDevices.Register(Console, Count);
        Console.Gateway.Registry.Revoke(ManyDevices.Id(7));
        Operator = await Console.LoginAsync("nandi", OperatorRole.Operator);
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        await Console.DisposeAsync();
    }
}
