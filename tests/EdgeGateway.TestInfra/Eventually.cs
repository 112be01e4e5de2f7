namespace EdgeGateway.TestInfra;

/// <summary>Waits for a condition with a deadline (polling), for state that raises no event of its own.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Polls an asynchronous condition (e.g. an HTTP request) every 25 ms until it holds, with a deadline.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits a task with a deadline, failing with a message that says what was awaited.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        var done = await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false);
        if (done != task) throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
        return await task.ConfigureAwait(false);
    }
}
