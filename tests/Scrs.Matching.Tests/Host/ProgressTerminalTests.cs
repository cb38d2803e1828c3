using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Scrs.Matching.Tests.Host;

/// <summary>
/// The progress as a person at a terminal sees it: the real command (the binary built beside the tests) run by
/// <c>script</c>, which gives it a terminal for stdout and stderr.
/// </summary>
public sealed class ProgressTerminalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scrs-terminal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task On_a_terminal_solve_rewrites_one_progress_line_in_place_and_ends_it_before_the_summary()
    {
        if (!OperatingSystem.IsLinux()) return; // util-linux's script
        var problem = Path.Combine(_folder, "p.json");
        await File.WriteAllTextAsync(problem, Server.ServerClient.TinyProblem);
        var dll = Path.Combine(AppContext.BaseDirectory, "scrs-matching.dll");
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-qec", $"dotnet '{dll}' solve '{problem}' --out '{Path.Combine(_folder, "r.json")}'", "/dev/null" })
            start.ArgumentList.Add(argument);

        using var script = Process.Start(start)!;
        var screen = await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();

        Assert.True(script.ExitCode == 0, screen);
        // Each report goes back to the line's start instead of starting a new line.
        Assert.True(Regex.Matches(screen, @"\r\[\s*[0-9.]+ s\] ").Count >= 3, screen);
        Assert.DoesNotMatch(@"\] critical: [^\r]*\n", screen);
        // The last report stays, on a line of its own; then the summary.
        Assert.Matches(@"\] done: Optimal *\r?\n(.|\n)*Deployment roster", screen);
    }
}
