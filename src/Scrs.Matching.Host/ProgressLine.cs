using System.Globalization;
using Scrs.Matching.Planning;
using Scrs.Matching.Simulation;

namespace Scrs.Matching.Host;

/// <summary>
/// Progress where a person watches a long command: on a terminal one line rewritten in place, else plain lines (a log
/// file, a test's writer, the demo's output). The commands write it to stderr, so stdout and the output files stay as
/// they are.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _inPlace;
    private readonly Lock _gate = new();
    // The length of the line shown in place, which the next one must cover; 0 when none is shown.
    private int _shown;

    private ProgressLine(TextWriter writer, bool inPlace)
    {
        _writer = writer;
        _inPlace = inPlace;
    }

    /// <summary>
    /// The progress of a command whose errors go to <paramref name="error"/>: in place when that is the process's stderr
    /// and a terminal, else plain lines; <see langword="null"/> with <c>--quiet</c>.
    /// </summary>
    public static ProgressLine? OnError(TextWriter error, bool quiet) =>
        quiet ? null : new ProgressLine(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>Plain lines on <paramref name="writer"/>, whatever it is.</summary>
    public static ProgressLine Lines(TextWriter writer) => new(writer, inPlace: false);

    /// <summary>A solve's progress: time, stage (a level's name, with its value and bound at its end), what it reached.</summary>
    public IProgress<PlanProgress> Plan() => new Reporter<PlanProgress>(this, p =>
        string.Create(CultureInfo.InvariantCulture, $"[{p.Elapsed.TotalSeconds,7:F2} s] {p.Stage}: {p.Message}"));

    /// <summary>A simulation's progress: replications done of all, the time left, the widest interval.</summary>
    public IProgress<SimulationProgress> Simulation() => new Reporter<SimulationProgress>(this, p =>
    {
        var left = p.Remaining is { } r && p.Done < p.Total ? string.Create(CultureInfo.InvariantCulture, $", about {r.TotalSeconds:F0} s left") : "";
        var width = p.WidestInterval is { } w ? string.Create(CultureInfo.InvariantCulture, $", widest 95% interval {w:F4}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"[{p.Elapsed.TotalSeconds,7:F1} s] {p.Done}/{p.Total} replications{left}{width}");
    });

    /// <summary>Ends the line shown in place, so that what is written next starts on a line of its own.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_shown == 0) return;
            _writer.WriteLine();
            _shown = 0;
        }
    }

    private void Show(string text)
    {
        // Reports come from the solver's and the replications' threads.
        lock (_gate)
        {
            if (!_inPlace)
            {
                _writer.WriteLine(text);
                return;
            }
            // A line longer than the terminal wraps, and the carriage return would go back to its last row only.
            var width = TerminalWidth() - 1;
            if (width > 0 && text.Length > width) text = text[..width];
            _writer.Write("\r" + text.PadRight(_shown));
            _writer.Flush();
            _shown = Math.Max(text.Length, 1);
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private sealed class Reporter<T>(ProgressLine line, Func<T, string> describe) : IProgress<T>
    {
        public void Report(T value) => line.Show(describe(value));
    }
}
