using EdgeGateway.Core.Operators;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>One gateway started on the <see cref="PatrolSeed"/> <c>patrols.db</c>, and an operator's session.</summary>
public sealed class PatrolApiFixture : IAsyncLifetime
{
    internal ConsoleHarness Console { get; private set; } = null!;
    internal ConsoleSession Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Console = await ConsoleHarness.StartPreparedAsync(PatrolSeed.Walk);
        Operator = await Console.LoginAsync("ayanda", OperatorRole.Operator);
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        await Console.DisposeAsync();
    }
}
