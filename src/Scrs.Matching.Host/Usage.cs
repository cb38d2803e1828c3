using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Scrs.Matching.Input;

namespace Scrs.Matching.Host;

/// <summary>
/// What the command line says about itself: the usage lines (every option of a command on one line, as the README lists
/// them), the help of a command (System.CommandLine's sections after that line), and its parse errors in the words of
/// the options (<c>solve has no option '--time-limt' (did you mean '--time-limit'?)</c>).
/// </summary>
internal static class Usage
{
    /// <summary>The command's name as a user types it.</summary>
    public const string Executable = "scrs-matching";

    /// <summary>The usage line of <paramref name="command"/>: its arguments, then its options, optional ones in brackets.</summary>
    public static string Synopsis(Command command) =>
        string.Join(' ', [Executable, command.Name, .. command.Arguments.Select(Placeholder), .. command.Options.Where(o => !o.Hidden).Select(Synopsis)]);

    /// <summary>What follows an error: the usage of the command, or of every command for the root.</summary>
    public static string Of(Command command) => command is RootCommand root
        ? Everything(root)
        : $"usage: {Synopsis(command)}{Environment.NewLine}({Executable} {command.Name} --help for details)";

    /// <summary>The error of an option given without its value.</summary>
    public static string NeedsValue(string option, string value) => $"option {option} needs a value ({value})";

    /// <summary>What <c>--help</c> does on every command: prints its <see cref="Help(Command)"/>.</summary>
    public static SynchronousCommandLineAction HelpAction() => new HelpPrinter();

    /// <summary>
    /// The help of <paramref name="command"/>: the usage line, what it does, then each argument and option with its help
    /// (for the root, the usage of every command and each command's summary).
    /// </summary>
    public static string Help(Command command)
    {
        var rows = command is RootCommand root
            ? root.Subcommands.Select(c => (c.Name, c.Description ?? ""))
            : command.Arguments.Select(a => (a.Name, a.Description ?? ""))
                .Concat(command.Options.Where(o => !o.Hidden).Select(o => (Label(o), o.Description ?? "")))
                .Append(("--help, -h", "print this help"));
        var list = rows.ToList();
        var width = list.Max(r => r.Item1.Length);
        return (command is RootCommand all ? Everything(all) : $"usage: {Synopsis(command)}") + Environment.NewLine + Environment.NewLine
            + command.Description + Environment.NewLine + Environment.NewLine
            + string.Join(Environment.NewLine, list.Select(r => $"  {r.Item1.PadRight(width)}  {r.Item2}"));
    }

    /// <summary>
    /// The errors of a command line that does not parse, one a line, each naming the option, argument or command. Of
    /// the words that fit nowhere only the first is named: after an unknown option, its value fits nowhere either.
    /// </summary>
    public static IEnumerable<string> Errors(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var errors = new List<string>();
        foreach (var error in result.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult { IdentifierToken: null } missing:
                    errors.Add($"missing option {missing.Option.Name} {missing.Option.HelpName}");
                    break;
                case OptionResult { Tokens.Count: 0 } bare:
                    errors.Add(NeedsValue(bare.Option.Name, bare.Option.HelpName ?? "VALUE"));
                    break;
                case OptionResult { IdentifierTokenCount: > 1 } twice when twice.Option.Arity.MaximumNumberOfValues == 1:
                    errors.Add($"option {twice.Option.Name} is given twice");
                    break;
                case ArgumentResult { Tokens.Count: 0 } argument:
                    errors.Add($"missing argument {argument.Argument.Name}");
                    break;
                // The words that fit nowhere: said below, in terms of the command.
                case CommandResult when result.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)):
                    break;
                default:
                    errors.Add(error.Message);
                    break;
            }
        }
        // An option without its value leaves its value, or the next option's, fitting nowhere.
        if (result.UnmatchedTokens is [var word, ..] && !errors.Any(e => e.Contains("needs a value", StringComparison.Ordinal)))
            errors.Add(Unmatched(command, word));
        return errors.Distinct();
    }

    private static string Unmatched(Command command, string word)
    {
        if (command is RootCommand)
            return $"unknown command '{word}'{Spelling.Suggest(word, [.. command.Subcommands.Select(c => c.Name)])}";
        if (word.Length >= 2 && word[0] == '-')
        {
            var names = command.Options.Where(o => !o.Hidden).Select(o => o.Name).ToArray();
            return $"{command.Name} has no option '{word}'{Spelling.Suggest(word, names)}; its options: {string.Join(", ", names)}";
        }
        var takes = command.Arguments.Count == 0 ? "no arguments" : string.Join(' ', command.Arguments.Select(a => a.Name));
        return $"unexpected argument '{word}' ({command.Name} takes {takes})";
    }

    /// <summary>The usage of every command.</summary>
    private static string Everything(RootCommand root) => "usage:" + Environment.NewLine
        + string.Join(Environment.NewLine, root.Subcommands.Where(c => c.Name != "help").Select(c => "  " + Synopsis(c))) + Environment.NewLine
        + $"  {Executable} help [COMMAND]    (or COMMAND --help)";

    /// <summary>The option with its value's placeholder; a flag alone.</summary>
    private static string Label(Option option) => option is Option<bool> ? option.Name : $"{option.Name} {option.HelpName}";

    private static string Placeholder(Argument argument) => argument.Arity.MinimumNumberOfValues == 0 ? $"[{argument.Name}]" : argument.Name;

    private static string Synopsis(Option option)
    {
        var text = Label(option);
        return (option.Required ? text : $"[{text}]") + (option.Arity.MaximumNumberOfValues > 1 ? "..." : "");
    }

    private sealed class HelpPrinter : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Help(parseResult.CommandResult.Command));
            return 0;
        }
    }
}
