using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scrs.Matching.Host;

namespace Scrs.Matching.Tests.Host;

/// <summary>
/// <c>simulate</c> stopped by a signal, as <c>timeout</c>, systemd, a container runtime or Ctrl+C stop it: the real
/// process (the binary built beside the tests), signalled once it has reported replications done.
/// </summary>
public sealed partial class SimulateSignalTests : IDisposable
{
    private const int Asked = 1_000_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("scrs-signal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_signal_stops_simulate_which_writes_the_replications_done_marked_partial_and_exits_with_128_plus_the_signal(string signal, int exitCode)
    {
        // The tiny problem: about a millisecond a replication, so a million of them run far longer than the test.
        var scenario = PathOf("scenario.json");
        File.WriteAllText(scenario, $$"""{ "problem": {{Server.ServerClient.TinyProblem}}, "replications": {{Asked}}, "seed": 3, "declines": { "active": 0.5 } }""");
        var output = new StringBuilder();
        var progressed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // env gives SIGINT its default back: a shell starts a background command with SIGINT ignored, and the runtime then keeps ignoring it.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "scrs-matching.dll"),
            "simulate", scenario, "--out", PathOf("results.json"), "--html", PathOf("report.html") })
            start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (output) output.AppendLine(e.Data);
        };
        // The progress, on stderr: plain lines, as it is not a terminal.
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (Progress().Match(e.Data) is { Success: true } line) progressed.TrySetResult(int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture));
        };
        int done;
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            done = await progressed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        var log = output.ToString();

        Assert.True(process.ExitCode == exitCode, $"exit code {process.ExitCode}:{Environment.NewLine}{log}");
        var results = JsonNode.Parse(File.ReadAllText(PathOf("results.json")))!.AsObject();
        var replications = (int)results["replications"]!;
        Assert.True(replications >= done && replications < Asked, $"{replications} replications written, {done} reported done before the signal");
        Assert.True((bool)results["partial"]!);
        Assert.Equal("cancelled", (string?)results["stoppedBy"]);
        Assert.Contains($"stopped by SIG{signal}: {replications} of {Asked} replication(s) done and written, marked partial", log, StringComparison.Ordinal);
        Assert.Contains("Partial results", File.ReadAllText(PathOf("report.html")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));

        // The replications written are 0 .. n-1, as a run of n gives: the same statistics.
        var full = PathOf("full.json");
        using (var quiet = new StringWriter())
            Assert.Equal(0, CommandLine.Run(["simulate", scenario, "--replications", replications.ToString(CultureInfo.InvariantCulture), "--out", full], quiet, quiet));
        var expected = JsonNode.Parse(File.ReadAllText(full))!.AsObject();
        foreach (var run in new[] { results, expected })
            foreach (var timing in new[] { "partial", "stoppedBy", "elapsedSeconds" }) run.Remove(timing);
        Assert.True(JsonNode.DeepEquals(expected, results), "the partial results differ from a run of as many replications");
    }

    [GeneratedRegex(@"^\[\s*[0-9.]+ s\] ([0-9]+)/[0-9]+ replications")]
    private static partial Regex Progress();
}
