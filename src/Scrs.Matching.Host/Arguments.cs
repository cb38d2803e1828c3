using System.Globalization;
using Scrs.Matching.Input;

namespace Scrs.Matching.Host;

/// <summary>A positional argument of a command.</summary>
/// <param name="Name">Its placeholder, for example <c>PROBLEM.json</c>.</param>
/// <param name="Help">What it is, for the command's help.</param>
internal sealed record ArgumentSpec(string Name, string Help);

/// <summary>A <c>--name value</c> option of a command.</summary>
/// <param name="Name">The option, for example <c>--time-limit</c>.</param>
/// <param name="Value">Placeholder of its value, for example <c>SECONDS</c>.</param>
/// <param name="Help">What it does and its default, for the command's help.</param>
/// <param name="Property">
/// The property of the library's options record that it sets (for example <c>Threads</c>), so that the library's complaint
/// about that property is reported as one about this option; <see langword="null"/> for none.
/// </param>
/// <param name="Required">Whether the command needs it.</param>
internal sealed record OptionSpec(string Name, string Value, string Help, string? Property = null, bool Required = false, bool Repeatable = false)
{
    /// <summary>How the option appears in a usage line.</summary>
    public string Synopsis => (Required ? $"{Name} {Value}" : $"[{Name} {Value}]") + (Repeatable ? "..." : "");
}

/// <summary>A command: its name, what it does, its arguments and its options.</summary>
/// <param name="Name">The command, for example <c>solve</c>.</param>
/// <param name="Summary">What it does and its exit codes, for its help.</param>
/// <param name="Arguments">Its positional arguments, all required, in order.</param>
/// <param name="Options">The options it accepts; any other is an error.</param>
internal sealed record CommandSpec(string Name, string Summary, ArgumentSpec[] Arguments, OptionSpec[] Options)
{
    /// <summary>The usage line.</summary>
    public string Synopsis => string.Join(' ', ["scrs-matching", Name, .. Arguments.Select(a => a.Name), .. Options.Select(o => o.Synopsis)]);

    /// <summary>What <c>--help</c> prints: the usage line, the summary and every argument and option.</summary>
    public string Help
    {
        get
        {
            var rows = Arguments.Select(a => (a.Name, a.Help)).Concat(Options.Select(o => ($"{o.Name} {o.Value}", o.Help))).ToList();
            var width = rows.Max(r => r.Item1.Length);
            return $"usage: {Synopsis}{Environment.NewLine}{Environment.NewLine}{Summary}{Environment.NewLine}{Environment.NewLine}"
                + string.Join(Environment.NewLine, rows.Select(r => $"  {r.Item1.PadRight(width)}  {r.Item2}"));
        }
    }
}

/// <summary>A command line parsed against its <see cref="CommandSpec"/>: positional arguments and <c>--name value</c> options.</summary>
/// <remarks>
/// Everything is checked when parsing, so nothing given is ignored: an option the command does not have (with the nearest
/// one suggested), an option without its value, or given twice when it is not repeatable, an argument too many or missing, a required option missing.
/// </remarks>
internal sealed class Arguments
{
    /// <summary>The largest time limit accepted, in seconds (about 11.6 days).</summary>
    /// <remarks>Far beyond any solve, and small enough that every solver's timer can represent it.</remarks>
    public const double MaxSeconds = 1_000_000;

    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);

    private Arguments(CommandSpec command) => Command = command;

    /// <summary>The command these are the arguments of.</summary>
    public CommandSpec Command { get; }

    /// <summary>Parses <paramref name="args"/> (the words after the command's name).</summary>
    /// <exception cref="UsageException">Anything the command does not accept, or anything it needs that is missing.</exception>
    public static Arguments Parse(CommandSpec command, IReadOnlyList<string> args)
    {
        var parsed = new Arguments(command);
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (word.Length < 2 || word[0] != '-') { parsed._positional.Add(word); continue; }
            var option = command.Options.FirstOrDefault(o => o.Name == word) ?? throw UnknownOption(command, word);
            // A value may start with one dash (--active -1) but not with two: "--out --seed 3" lacks the roster's path.
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"option {word} needs a value ({option.Value})", command);
            if (option.Repeatable)
            {
                if (!parsed._repeated.TryGetValue(word, out var values)) parsed._repeated[word] = values = [];
                values.Add(args[++i]);
                parsed._named.TryAdd(word, values[0]);
            }
            else if (!parsed._named.TryAdd(word, args[++i])) throw new UsageException($"option {word} is given twice", command);
        }
        if (parsed._positional.Count > command.Arguments.Length)
        {
            var takes = command.Arguments.Length == 0 ? "no arguments" : string.Join(' ', command.Arguments.Select(a => a.Name));
            throw new UsageException($"unexpected argument '{parsed._positional[command.Arguments.Length]}' ({command.Name} takes {takes})", command);
        }
        if (parsed._positional.Count < command.Arguments.Length)
            throw new UsageException($"missing argument {command.Arguments[parsed._positional.Count].Name}", command);
        if (command.Options.FirstOrDefault(o => o.Required && !parsed._named.ContainsKey(o.Name)) is { } missing)
            throw new UsageException($"missing option {missing.Name} {missing.Value}", command);
        return parsed;
    }

    /// <summary>The <paramref name="k"/>-th positional argument (the parser made sure it is there).</summary>
    public string Positional(int k) => _positional[k];

    /// <summary>The value of option <paramref name="name"/>, or <see langword="null"/> when it is not given.</summary>
    public string? Value(string name) => _named.GetValueOrDefault(name);

    /// <summary>Every value of a repeatable option, in order; each may also list several, separated by commas.</summary>
    public IReadOnlyList<string> Values(string name) =>
        _repeated.TryGetValue(name, out var values)
            ? [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [];

    /// <summary>The value of a required option (the parser made sure it is there).</summary>
    public string Required(string name) => _named[name];

    /// <summary>A whole-number option.</summary>
    public int? Int(string name) => Value(name) is not { } v ? null
        : int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new UsageException($"option {name} must be a whole number, got '{v}'", Command);

    /// <summary>A date option, <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string name) => Value(name) is not { } v ? null
        : DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new UsageException($"option {name} must be a date yyyy-MM-dd, got '{v}'", Command);

    /// <summary>A number option.</summary>
    public double? Double(string name) => Value(name) is not { } v ? null
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : throw new UsageException($"option {name} must be a number, got '{v}'", Command);

    /// <summary>A duration option in seconds: above 0 and at most <see cref="MaxSeconds"/> (so not infinite, not NaN).</summary>
    public TimeSpan? Seconds(string name) => Value(name) is not { } v ? null
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"option {name} must be a number of seconds above 0 and at most {MaxSeconds:#,0}, got '{v}'"), Command);

    /// <summary>
    /// The library's complaint about an options record, said in terms of the options given: each line naming a property
    /// (<c>Threads must be at least 1.</c>, <c>SampleCorpsOptions.ActiveMembers must not be negative</c>) becomes one naming
    /// the option that set it (<c>option --threads must be at least 1, got '0'</c>).
    /// </summary>
    public UsageException Explain(ArgumentException e)
    {
        var message = e.ParamName is { } parameter ? e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal) : e.Message;
        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0) return line;
            var subject = line[..space];
            var property = subject[(subject.LastIndexOf('.') + 1)..];
            var option = Command.Options.FirstOrDefault(o => o.Property == property && _named.ContainsKey(o.Name));
            return option is null ? line : $"option {option.Name} {line[(space + 1)..].TrimEnd('.')}, got '{_named[option.Name]}'";
        });
        return new UsageException(string.Join(Environment.NewLine + "error: ", lines), Command);
    }

    private static UsageException UnknownOption(CommandSpec command, string word)
    {
        var names = command.Options.Select(o => o.Name).ToArray();
        return new UsageException($"{command.Name} has no option '{word}'{Spelling.Suggest(word, names)}; its options: {string.Join(", ", names)}", command);
    }
}

/// <summary>A malformed command line; <see cref="Command"/> is the command whose usage applies, if known.</summary>
internal sealed class UsageException(string message, CommandSpec? command = null) : Exception(message)
{
    /// <summary>The command whose usage line is printed after the error; <see langword="null"/> for the usage of all commands.</summary>
    public CommandSpec? Command { get; } = command;
}
