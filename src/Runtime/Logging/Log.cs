using System;
using System.Text;

namespace McProxy.Runtime.Logging;

/// <summary>
/// Levelled logging. Callers test <see cref="IsEnabled"/> (or use the level methods, which do)
/// so nothing is formatted for a disabled level. Default Notice; -v Info; -vv or -d Debug;
/// -d -v Trace. Repetitive warnings go through <see cref="RateLimiter"/>.
/// </summary>
internal sealed class Log
{
    private readonly ILogSink _sink;

    public Log(ILogSink sink, LogLevel level)
    {
        _sink = sink;
        Level = level;
    }

    public LogLevel Level { get; set; }

    public static LogLevel LevelFor(bool debug, int verbosity) => (debug, verbosity) switch
    {
        (true, 0) => LogLevel.Debug,
        (true, _) => LogLevel.Trace,
        (false, 0) => LogLevel.Notice,
        (false, 1) => LogLevel.Info,
        _ => LogLevel.Debug,
    };

    public bool IsEnabled(LogLevel level) => level <= Level;

    public void Write(LogLevel level, string message)
    {
        if (IsEnabled(level))
        {
            _sink.Write(level, message);
        }
    }

    public void Error(string message) => Write(LogLevel.Error, message);

    public void Warning(string message) => Write(LogLevel.Warning, message);

    public void Notice(string message) => Write(LogLevel.Notice, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Notice => "notice",
        LogLevel.Info => "info",
        LogLevel.Debug => "debug",
        _ => "trace",
    };
}

/// <summary>A log sink for tests and for the status dump: collects lines.</summary>
internal sealed class StringLogSink : ILogSink
{
    private readonly StringBuilder _text = new();

    public void Write(LogLevel level, ReadOnlySpan<char> line)
    {
        _text.Append(Log.Name(level)).Append(": ").Append(line).Append('\n');
    }

    public override string ToString() => _text.ToString();
}
