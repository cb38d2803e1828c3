using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Scrs.Matching.Host;

/// <summary>
/// The options and arguments of the command line (System.CommandLine symbols), each value checked when the command line
/// is parsed, before any input is read, by a rule whose error names the option and echoes the value it refuses
/// (<c>option --seed must be a whole number, got '1.5'</c>).
/// </summary>
internal static class Cli
{
    /// <summary>The largest time limit accepted, in seconds (about 11.6 days).</summary>
    /// <remarks>Far beyond any solve, and small enough that every solver's timer can represent it.</remarks>
    public const double MaxSeconds = 1_000_000;

    /// <summary>
    /// The shortest time limit accepted, in seconds, here and by the worker host: a shorter one is no time to plan in (and
    /// below 1e-7 it is no time at all, a zero <see cref="TimeSpan"/> the planner refuses).
    /// </summary>
    public const double MinSeconds = 0.001;

    /// <summary>The most solver threads <c>--threads</c> accepts.</summary>
    /// <remarks>Beyond any machine the engine runs on; 100,000 made the solver start that many threads and never finish.</remarks>
    public const int MaxThreads = 256;

    /// <summary>The most solves at once <c>serve --workers</c> accepts; each holds a problem's model in memory.</summary>
    public const int MaxWorkers = 64;

    /// <summary>The most replications at once <c>simulate --parallel</c> accepts; each holds a problem's model in memory.</summary>
    public const int MaxParallel = 64;

    /// <summary>A positional argument: a file to read.</summary>
    public static Argument<string> Argument(string name, string description) => new(name) { Description = description };

    /// <summary>An option whose value is taken as given (a path, an id).</summary>
    public static Option<string> Text(string name, string value, string description, bool required = false) =>
        Make<string>(name, value, description, (text, _) => text, required);

    /// <summary>A whole-number option, optionally within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int?> Int(string name, string value, string description, int? min = null, int? max = null) =>
        Make<int?>(name, value, description, (text, fail) =>
            !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? fail("must be a whole number")
            : n < min ? fail($"must be at least {min}")
            : n > max ? fail($"must be at most {max}")
            : n);

    /// <summary>A number option; with <paramref name="positive"/>, above 0 and finite.</summary>
    public static Option<double?> Number(string name, string value, string description, bool positive = false) =>
        Make<double?>(name, value, description, (text, fail) =>
            !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? fail(positive ? "must be a number above 0" : "must be a number")
            : positive && !(d > 0 && double.IsFinite(d)) ? fail("must be a number above 0")
            : d);

    /// <summary>A duration option in seconds: from <see cref="MinSeconds"/> to <see cref="MaxSeconds"/> (so not infinite, not NaN).</summary>
    public static Option<TimeSpan?> Seconds(string name, string description) =>
        Make<TimeSpan?>(name, "SECONDS", description, (text, fail) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= MinSeconds and <= MaxSeconds
                ? TimeSpan.FromSeconds(seconds)
                : fail(string.Create(CultureInfo.InvariantCulture, $"must be a number of seconds from {MinSeconds} to {MaxSeconds:#,0}")));

    /// <summary>A date option, <c>yyyy-MM-dd</c>.</summary>
    public static Option<DateOnly?> Date(string name, string description) =>
        Make<DateOnly?>(name, "DATE", description, (text, fail) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : fail("must be a date yyyy-MM-dd"));

    /// <summary>An option that takes one of <paramref name="names"/> (ignoring case), mapped to its value; the shells complete the names.</summary>
    public static Option<T> Choice<T>(string name, IReadOnlyList<string> names, string description, Func<string, T> map)
    {
        var allowed = names.Count == 2 ? $"must be {names[0]} or {names[1]}" : $"must be one of {string.Join(", ", names)}";
        var option = Make<T>(name, string.Join('|', names), description, (text, fail) =>
            names.FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } known ? map(known) : fail(allowed));
        option.CompletionSources.Add([.. names]);
        return option;
    }

    /// <summary>A repeatable option: every value given, each word of which may list several separated by commas, parsed by <paramref name="parse"/>.</summary>
    /// <param name="expected">What the option takes, for the error about a value <paramref name="parse"/> refuses by returning <see langword="null"/> (<c>takes MEMBER:POSITION</c>).</param>
    public static Option<T[]> Repeated<T>(string name, string value, string description, string expected, Func<string, T?> parse) where T : class =>
        new(name)
        {
            HelpName = value,
            Description = description,
            CustomParser = result =>
            {
                var values = new List<T>();
                foreach (var token in result.Tokens)
                {
                    if (NeedsValue(result, token.Value, name, value)) return [];
                    foreach (var text in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (parse(text) is { } parsed) values.Add(parsed);
                        else result.AddError($"option {name} {expected}, got '{text}'");
                    }
                }
                return [.. values];
            },
        };

    /// <summary>A flag, <see langword="true"/> when given.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary><c>--quiet</c>: no progress on stderr.</summary>
    public static Option<bool> Quiet() => Flag("--quiet", "no progress on stderr (shown by default: one line rewritten in place on a terminal, else plain lines)");

    /// <summary>
    /// The library's complaint about an options record, said in terms of the options given: each line naming a property
    /// (<c>Threads must be at least 1.</c>, <c>SampleCorpsOptions.ActiveMembers must not be negative</c>) becomes one naming
    /// the option that set it (<c>option --threads must be at least 1, got '0'</c>).
    /// </summary>
    /// <param name="e">The library's complaint.</param>
    /// <param name="result">The command line parsed.</param>
    /// <param name="properties">Which option sets which property of the options record.</param>
    public static UsageException Explain(ArgumentException e, ParseResult result, IReadOnlyDictionary<string, Option> properties)
    {
        var message = e.ParamName is { } parameter ? e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal) : e.Message;
        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0) return line;
            var subject = line[..space];
            return properties.GetValueOrDefault(subject[(subject.LastIndexOf('.') + 1)..]) is { } option
                && result.GetResult(option) is { Implicit: false, Tokens: [var given] }
                ? $"option {option.Name} {line[(space + 1)..].TrimEnd('.')}, got '{given.Value}'"
                : line;
        });
        return new UsageException(string.Join(Environment.NewLine + "error: ", lines));
    }

    /// <summary>An option of one value, parsed by <paramref name="parse"/>, which calls its second argument with the reason to refuse one.</summary>
    private static Option<T> Make<T>(string name, string value, string description, Func<string, Func<string, T?>, T?> parse, bool required = false) =>
        new(name)
        {
            HelpName = value,
            Description = description,
            Required = required,
            CustomParser = result =>
            {
                // None or several: the parser reports the option without its value, or given twice.
                if (result.Tokens is not [var token] || NeedsValue(result, token.Value, name, value)) return default;
                return parse(token.Value, reason =>
                {
                    result.AddError($"option {name} {reason}, got '{token.Value}'");
                    return default;
                });
            },
        };

    /// <summary>
    /// Whether <paramref name="text"/>, taken as the option's value, is another option: <c>--out --seed 3</c> lacks the
    /// roster's path (a value may start with one dash, as <c>--active -1</c>, but not with two).
    /// </summary>
    private static bool NeedsValue(ArgumentResult result, string text, string name, string value)
    {
        if (!text.StartsWith("--", StringComparison.Ordinal)) return false;
        result.AddError(Usage.NeedsValue(name, value));
        return true;
    }
}

/// <summary>A malformed command line, found after parsing (a value the library refuses, options that exclude each other).</summary>
internal sealed class UsageException(string message) : Exception(message);
