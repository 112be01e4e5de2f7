using EdgeGateway.Console.Hosting;
using EdgeGateway.Core.Operators;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Tests;

/// <summary>The real gateway in process with its console on a free loopback port, and operators made for the test.</summary>
internal sealed class ConsoleHarness : IAsyncDisposable
{
    /// <summary>Fewer PBKDF2 rounds for accounts made by tests that are not about hashing (login stays the real code path).</summary>
    public const int TestIterations = 10_000;

    private ConsoleHarness(InProcessGateway gateway)
    {
        Gateway = gateway;
        Url = gateway.Services.GetRequiredService<WardConsoleServer>().Url;
    }

    public InProcessGateway Gateway { get; }

    /// <summary>The console's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public OperatorStore Operators => new(Gateway.DataDirectory);

    public static async Task<ConsoleHarness> StartAsync(params string[] args) => new(await InProcessGateway.StartAsync(args));

    /// <summary>Starts with device authentication and the ACL on, as in production.</summary>
    public static async Task<ConsoleHarness> StartWithAuthAsync(params string[] args) => new(await InProcessGateway.StartWithAuthAsync(args));

    /// <summary>Starts after <paramref name="prepareDataDirectory"/> filled the gateway's data directory.</summary>
    public static async Task<ConsoleHarness> StartPreparedAsync(Action<string> prepareDataDirectory, params string[] args) =>
        new(await InProcessGateway.StartPreparedAsync(prepareDataDirectory, args));

    /// <summary>Adds an operator with a fresh random password and returns the password.</summary>
    public string AddOperator(string name, OperatorRole role, int iterations = TestIterations)
    {
        var password = OperatorPasswords.NewPassword();
        Operators.Add(name, role, password, iterations);
        return password;
    }

    /// <summary>A new operator of <paramref name="role"/> logged in through the form: a session that keeps its cookies and token.</summary>
    public async Task<ConsoleSession> LoginAsync(string name, OperatorRole role)
    {
        var password = AddOperator(name, role);
        var session = new ConsoleSession(Url);
        await session.LoginOrFailAsync(name, password);
        return session;
    }

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
