using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VillageHive.Tests.Infrastructure;

/// <summary>
/// The errors a test app logs (level Error and above, with their exception), numbered in order, so that a test which
/// got a 500 can report the server's own account of it instead of the bare status.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<(long Number, string Text)> errors = new();
    private long count;

    /// <summary>How many errors have been logged so far: pass it to <see cref="Since"/> after a request.</summary>
    public long Count => Interlocked.Read(ref count);

    /// <summary>The errors logged after the first <paramref name="count"/>, each with its category and exception.</summary>
    public string Since(long count) =>
        string.Join("\n", errors.Where(e => e.Number > count).Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string text)
    {
        errors.Enqueue((Interlocked.Increment(ref count), text));
        while (errors.Count > 200) errors.TryDequeue(out _);
    }

    private sealed class Logger(ServerErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner.Add($"[{category}] {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
        }
    }
}
