using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Planning;

/// <summary>
/// A solve cancelled in any stage, by any engine, returns at once with a verified roster marked cancelled, and starts
/// nothing after the stage it was cancelled in (the worker host's next job waited for a cancelled solve's later levels).
/// </summary>
public class CancellationTests
{
    /// <summary>The stages in the order a solve reports them.</summary>
    private static readonly string[] Stages = ["eligibility", "model", "critical", "high", "normal", "low", "cost", "load"];

    /// <summary>The index in <see cref="Stages"/> of the first level.</summary>
    private const int FirstLevel = 2;

    private static readonly DeploymentProblem Small = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small));

    public static TheoryData<SolverEngine, string> EnginesAndStages()
    {
        var data = new TheoryData<SolverEngine, string>();
        foreach (var engine in new[] { SolverEngine.CpSat, SolverEngine.Highs, SolverEngine.Cbc })
        {
            foreach (var stage in Stages) data.Add(engine, stage);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnginesAndStages))]
    public void A_solve_cancelled_at_the_first_message_of_a_stage_returns_a_verified_cancelled_roster_and_starts_no_later_level(SolverEngine engine, string stage)
    {
        using var cancel = new CancellationTokenSource();
        var reports = new List<(PlanProgress Progress, bool AfterCancel)>();
        var progress = new Progress(p =>
        {
            lock (reports)
            {
                reports.Add((p, cancel.IsCancellationRequested));
                if (p.Stage == stage) cancel.Cancel();
            }
        });
        var roster = RosterPlanner.Plan(Small, new PlannerOptions { Engine = engine, Progress = progress }, cancel.Token);

        Assert.True(cancel.IsCancellationRequested, $"the solve never reported {stage}");
        Assert.Equal(RosterStatus.Cancelled, roster.Status);
        Assert.Contains("the search was cancelled", roster.Reasons);
        Assert.NotEmpty(roster.Assignments);
        Assert.Empty(RosterValidator.Validate(Small, roster.Assignments, null, roster.Training));
        var reached = Array.IndexOf(Stages, stage);
        // The model is still built after a cancel in eligibility: the roster returned is the greedy one, on the model.
        var later = reports.Where(r => r.AfterCancel && Array.IndexOf(Stages, r.Progress.Stage) is var k && k > reached && k >= FirstLevel)
            .Select(r => $"{r.Progress.Stage}: {r.Progress.Message}");
        Assert.Empty(later);
        Assert.DoesNotContain(roster.Statistics.Stages, s => Array.IndexOf(Stages, s.Level) > reached);
    }

    private sealed class Progress(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }
}
