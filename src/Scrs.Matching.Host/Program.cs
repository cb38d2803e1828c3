using Scrs.Matching.Planning;
using Scrs.Matching.Samples;

var problem = SampleCorps.Generate(SampleCorpsOptions.Default);
var options = new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(120), Progress = new SyncProgress() };
var roster = RosterPlanner.Plan(problem, options);
Console.WriteLine($"{roster.Status} {roster.Objective} gap {roster.Gap} {roster.SolveMillis} ms");
Console.WriteLine(roster.Statistics);
foreach (var s in roster.Statistics.Stages) Console.WriteLine(s);
foreach (var f in roster.PriorityFill) Console.WriteLine(f);
foreach (var u in roster.SurgeUse) Console.WriteLine(u);
foreach (var u in roster.Unfilled.Take(5)) Console.WriteLine(u.Reason);
return 0;

sealed class SyncProgress : IProgress<PlanProgress>
{
    public void Report(PlanProgress value) => Console.WriteLine($"[{value.Elapsed.TotalMilliseconds,8:F0} ms] {value.Stage}: {value.Message}");
}
