using EdgeGateway.Core.Operators;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>One gateway with its console for the API tests, devices pb-0100 and pb-0101, and a session per role.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    internal ConsoleHarness Console { get; private set; } = null!;
    internal ConsoleSession Operator { get; private set; } = null!;
    internal ConsoleSession Technician { get; private set; } = null!;
    internal ConsoleSession Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Console = await ConsoleHarness.StartAsync();
        foreach (var id in new[] { "pb-0100", "pb-0101" })
            Console.Gateway.Registry.Add(id, "panic-button", "north", null, "0123456789abcdef-secret", DateTimeOffset.UtcNow);
        Operator = await Console.LoginAsync("op", OperatorRole.Operator);
        Technician = await Console.LoginAsync("tech", OperatorRole.Technician);
        Admin = await Console.LoginAsync("boss", OperatorRole.Admin);
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        Technician.Dispose();
        Admin.Dispose();
        await Console.DisposeAsync();
    }
}
