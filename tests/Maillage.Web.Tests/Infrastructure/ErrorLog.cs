using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Maillage.Web.Tests.Infrastructure;

/// <summary>
/// Keeps the server's errors (with their exceptions) so that a failing test can say what went wrong inside, and
/// writes them to TestResults/server-errors.log for CI.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private static readonly object FileLock = new();
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        lock (FileLock)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
            Directory.CreateDirectory(folder);
            File.AppendAllText(Path.Combine(folder, "server-errors.log"), entry + Environment.NewLine);
        }
    }

    private sealed class Logger(ErrorLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add($"[{DateTime.UtcNow:O}] {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
        }
    }
}
