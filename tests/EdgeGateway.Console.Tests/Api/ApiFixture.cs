using EdgeGateway.Core.Operators;

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
        Operator = await LoginAsync("op", OperatorRole.Operator);
        Technician = await LoginAsync("tech", OperatorRole.Technician);
        Admin = await LoginAsync("boss", OperatorRole.Admin);
    }

    private async Task<ConsoleSession> LoginAsync(string name, OperatorRole role)
    {
        var password = Console.AddOperator(name, role);
        var session = new ConsoleSession(Console.Url);
        await session.LoginOrFailAsync(name, password);
        return session;
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        Technician.Dispose();
        Admin.Dispose();
        await Console.DisposeAsync();
    }
}
