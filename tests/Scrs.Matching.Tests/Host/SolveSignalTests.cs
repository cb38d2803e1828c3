using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Input;
using Scrs.Matching.Samples;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Host;

/// <summary>
/// <c>solve</c> stopped by Ctrl+C (before, it ran on to its optimum and ignored the signal): the real process, signalled
/// as soon as it has reserved its output file, which is before it reads the problem.
/// </summary>
public sealed class SolveSignalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scrs-solve-signal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ctrl_C_stops_solve_which_writes_the_best_roster_found_marked_cancelled_and_exits_with_130()
    {
        // The demo corps, whose solve takes seconds: the small one's half second can end before a loaded machine delivers the signal.
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Corps));
        var problemPath = Path.Combine(_folder, "problem.json");
        File.WriteAllText(problemPath, ProblemJson.Write(problem));
        var rosterPath = Path.Combine(_folder, "roster.json");
        // env gives SIGINT its default back: a shell starts a background command with SIGINT ignored, and the runtime then keeps ignoring it.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "scrs-matching.dll"),
            "solve", problemPath, "--out", rosterPath })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            // The signals are taken over before the output is reserved (see Solve), so the reserved file means they are.
            while (!File.Exists(rosterPath) && !process.HasExited) await Task.Delay(10);
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        var log = await output + await error;

        Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}:{Environment.NewLine}{log}");
        var roster = RosterJson.Read(File.ReadAllText(rosterPath));
        Assert.True(roster.Ok, string.Join(Environment.NewLine, roster.Errors));
        Assert.Equal(Scrs.Matching.Report.RosterStatus.Cancelled, roster.Value!.Status);
        Assert.NotEmpty(roster.Value.Assignments);
        Assert.Empty(RosterValidator.Validate(problem, roster.Value.Assignments));
    }
}
