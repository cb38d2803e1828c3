using System.Globalization;
using Scrs.Matching.Advice;
using Scrs.Matching.Benchmarks.Replanning;
using Scrs.Matching.Benchmarks.WhatIf;
using Scrs.Matching.Planning;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Advice;

/// <summary>
/// <c>advise --top N</c> as the command line runs it (no roster given: planned, coverage only), on a family's corps drawn
/// from several seeds: the time of each, how many changes it solved, and p50, p95 and max (issue 21's target: 10 s on the
/// demo corps).
/// </summary>
internal static class AdviseRun
{
    public static int Run(string family, int seeds, int top, TimeSpan timeLimit, TextWriter output)
    {
        output.WriteLine($"advise --top {top}: family {family}, seeds 0..{seeds - 1} (seed 0 is the family's own), time limit {timeLimit.TotalSeconds} s, {Environment.ProcessorCount} processors");
        output.WriteLine($"{"seed",4} {"members",8} {"seconds",8} {"solved",7} {"advice",7} {"proven",7}  best");
        var times = new List<double>();
        var options = SampleCorps.Families.ForFamily(family);
        for (var seed = 0; seed < seeds; seed++)
        {
            var problem = SampleCorps.Generate(seed == 0 ? options : options with { Seed = options.Seed + seed });
            var (report, took) = ReplanRun.Timed(() => Advisor.Advise(problem, null,
                new AdviceOptions { Top = top, Planner = PlannerOptions.Default with { TimeLimit = timeLimit } }));
            times.Add(took.TotalSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seed,4} {problem.Members.Length,8} {took.TotalSeconds,8:F2} {report.Considered,7} {report.Advice.Length,7} {report.Advice.Count(a => a.Proven),7}  {report.Advice.FirstOrDefault()?.Sentence}"));
        }
        double[] sorted = [.. times.Order()];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"advise s: p50 {WhatIfRun.Percentile(sorted, 0.5):F2} p95 {WhatIfRun.Percentile(sorted, 0.95):F2} max {sorted[^1]:F2}"));
        return 0;
    }
}
