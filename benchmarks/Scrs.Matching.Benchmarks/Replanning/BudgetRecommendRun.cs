using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Benchmarks.WhatIf;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Replanning;

/// <summary>
/// The regression family of issue 21's slow recommendation: 100-member corps with 16 positions whose budget binds (80 %
/// of the cost of the roster without one) beside their surge limits, drawn from seeds. Each is solved, then the top
/// recommendations of the first seat its roster leaves empty are timed against the solve (a candidate's re-plan once
/// took 5 minutes where the plain solve took 0.3 s).
/// </summary>
internal static class BudgetRecommendRun
{
    public static int Run(int seeds, int top, TimeSpan timeLimit, TextWriter output)
    {
        output.WriteLine($"recommend with a binding budget: {seeds} corps of 100 members, 16 positions, budget 80 % of the unbudgeted roster's cost, top {top}, time limit {timeLimit.TotalSeconds} s");
        output.WriteLine($"{"seed",4} {"budget",10} {"solve s",8} {"recommend s",12} {"ratio",6} {"ranked",7} {"proven",7}  seat");
        var times = new List<double>();
        var ratios = new List<double>();
        var unproven = 0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var problem = SampleCorps.Generate(new SampleCorpsOptions
            {
                Seed = 5000 + seed,
                ActiveMembers = 6,
                StandbyMembers = 44,
                ReserveMembers = 40,
                Contractors = 10,
                Operations = 2,
                PositionsPerOperation = 8,
            });
            var options = PlannerOptions.Default with { TimeLimit = timeLimit };
            var unbudgeted = RosterPlanner.Plan(problem, options);
            if (unbudgeted.Objective is not { Cost: > 0 } free) continue;
            var budgeted = problem with { Policy = problem.Policy with { Budget = decimal.Floor(free.Cost * 0.8m) } };
            var clock = Stopwatch.StartNew();
            var roster = RosterPlanner.Plan(budgeted, options);
            var solve = clock.Elapsed.TotalSeconds;
            // The first seat the roster leaves empty that some member could hold, else the first position's first seat.
            Recommendations? ranked = null;
            var took = 0.0;
            foreach (var position in roster.Unfilled.Select(u => u.Position).Append(budgeted.Operations[0].Positions[0].Id))
            {
                clock.Restart();
                ranked = Recommender.Recommend(budgeted, roster.Assignments, new RecommendationRequest(position) { Top = top }, options);
                took = clock.Elapsed.TotalSeconds;
                if (ranked.Considered > 0) break;
            }
            if (ranked is null) continue;
            var ratio = took / Math.Max(solve, 1e-3);
            times.Add(took);
            ratios.Add(ratio);
            unproven += ranked.Candidates.Count(c => !c.Proven);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seed,4} {budgeted.Policy.Budget,10:0} {solve,8:F2} {took,12:F2} {ratio,6:F1} {ranked.Candidates.Length,7} {ranked.Candidates.Count(c => c.Proven),7}  {ranked.Position} {ranked.Seat}, {ranked.Considered} could hold it"));
        }
        if (times.Count == 0) return 0;
        double[] t = [.. times.Order()], r = [.. ratios.Order()];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recommend s: p50 {WhatIfRun.Percentile(t, 0.5):F2} p95 {WhatIfRun.Percentile(t, 0.95):F2} max {t[^1]:F2}; recommend/solve p50 {WhatIfRun.Percentile(r, 0.5):F1} p95 {WhatIfRun.Percentile(r, 0.95):F1} max {r[^1]:F1}; {unproven} candidates not proven"));
        return 0;
    }
}
