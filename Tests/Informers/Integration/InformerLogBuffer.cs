using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// Keeps the informers' log lines (lists, watches, restarts with their exceptions) for the test output: when a
/// live test fails, they tell which recovery path ran.
/// </summary>
internal sealed class InformerLogBuffer : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {formatter(state, exception)}{(exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]")}");
}
