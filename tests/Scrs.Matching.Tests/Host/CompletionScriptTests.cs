using System.Diagnostics;
using Scrs.Matching.Host;

namespace Scrs.Matching.Tests.Host;

/// <summary>
/// The bash completion script as bash runs it: sourced, then its function called as bash calls it on Tab, with the words
/// typed so far; it asks the real command (the binary built beside the tests, behind a <c>scrs-matching</c> on PATH).
/// </summary>
public sealed class CompletionScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scrs-completion-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(new[] { "so" }, "solve")]
    [InlineData(new[] { "solve", "--ti" }, "--time-limit")]
    [InlineData(new[] { "solve", "p.json", "--engine", "" }, "highs")]
    [InlineData(new[] { "completion", "" }, "zsh")]
    public async Task Bash_script_completes_commands_options_and_values(string[] typed, string expected)
    {
        if (OperatingSystem.IsWindows()) return; // bash
        var script = Path.Combine(_folder, "scrs-matching.bash");
        using (var output = new StringWriter())
        {
            Assert.Equal(0, CommandLine.Run(["completion", "bash"], output, TextWriter.Null));
            await File.WriteAllTextAsync(script, output.ToString());
        }
        var command = Path.Combine(_folder, "scrs-matching");
        await File.WriteAllTextAsync(command, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "scrs-matching.dll")}' \"$@\"\n");
        File.SetUnixFileMode(command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var words = string.Join(' ', typed.Select(w => $"'{w}'"));
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PATH"] = _folder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        foreach (var argument in new[] { "-c", $$"""
            source '{{script}}'
            COMP_WORDS=(scrs-matching {{words}})
            COMP_CWORD={{typed.Length}}
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            _scrs_matching_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """ })
            start.ArgumentList.Add(argument);

        using var bash = Process.Start(start)!;
        var reply = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.True(bash.ExitCode == 0, error);
        var completions = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(expected, completions);
        // Only what matches the word typed.
        Assert.All(completions, c => Assert.StartsWith(typed[^1], c, StringComparison.Ordinal));
    }
}
