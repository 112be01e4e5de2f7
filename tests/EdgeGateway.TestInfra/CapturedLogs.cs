using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.TestInfra;

/// <summary>An <see cref="ILoggerProvider"/> that keeps every formatted log line, for asserting what was (not) logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Message)> _entries = new();

    public IReadOnlyCollection<(string Category, LogLevel Level, EventId Id, string Message)> Entries => _entries.ToArray();

    public string AllText => string.Join('\n', _entries.Select(e => e.Message));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((category, logLevel, eventId, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
