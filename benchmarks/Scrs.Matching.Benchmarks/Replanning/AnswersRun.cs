using System.Globalization;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Sessions;
using Scrs.Matching.Benchmarks.WhatIf;

namespace Scrs.Matching.Benchmarks.Replanning;

/// <summary>
/// The worker host's answer to offers, timed: a family's roster solved once (as a job), then seeded sets of answers
/// (one to three offers declined, up to three accepted), each re-planned as the host does it (the job's session resumed
/// from its stored roster, with the model the job kept, or built again as another host would) against a fresh re-plan of
/// the answered problem.
/// </summary>
/// <remarks>
/// Issue 21 asks the host to answer an offer with a completed re-plan of the demo corps in 1 s. Every re-plan must
/// reach the fresh one's value on every level: exit code 1 otherwise.
/// </remarks>
internal static class AnswersRun
{
    public static int Run(string family, int count, TimeSpan timeLimit, TextWriter output)
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(family));
        var options = PlannerOptions.Default with { TimeLimit = timeLimit };
        var job = PlanningSession.Create(problem, options);
        var (roster, solve) = Seconds(() => job.Solve());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the job's solve: {solve:F1} s, {roster.Status}"));
        // As the host stores it.
        var stored = RosterJson.Read(RosterJson.Write(roster)).Value!;
        var offers = roster.Assignments.Select(a => new Offer(a.Member, a.Position)).Distinct().ToList();
        var random = new Random(2026);
        var (kept, rebuilt, fresh) = (new List<double>(), new List<double>(), new List<double>());
        var agree = true;
        for (var k = 0; k < count; k++)
        {
            var declined = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => offers[random.Next(offers.Count)]).Distinct().ToList();
            var accepted = Enumerable.Range(0, random.Next(4)).Select(_ => offers[random.Next(offers.Count)])
                .Where(o => declined.All(d => d.Member != o.Member)).Distinct().ToList();
            var answered = OfferResponses.Apply(problem, roster.Assignments, accepted, declined);
            var replan = options with { Previous = stored.Assignments };
            Roster Host(BuiltModel? built)
            {
                var session = PlanningSession.Resume(problem, options, stored, built).Fork(replan);
                session.Apply(new ProblemReplaced(answered));
                return session.Solve();
            }
            var (a, withKept) = Seconds(() => Host(job.Built));
            var (b, withBuilt) = Seconds(() => Host(null));
            var (c, alone) = Seconds(() => RosterPlanner.Plan(answered, replan));
            agree &= a.Objective == c.Objective && b.Objective == c.Objective;
            kept.Add(withKept);
            rebuilt.Add(withBuilt);
            fresh.Add(alone);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {declined.Count} declined, {accepted.Count} accepted: {withKept:F2} s with the kept model, {withBuilt:F2} s built again, {alone:F2} s fresh ({a.Status}{(a.Objective == c.Objective ? "" : ", DISAGREE")})"));
        }
        output.WriteLine($"  answers, with the kept model: {Spread(kept)}");
        output.WriteLine($"  answers, model built again:   {Spread(rebuilt)}");
        output.WriteLine($"  answers, fresh re-plan:       {Spread(fresh)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  kept model / fresh at the median: {Median(kept) / Median(fresh):F2}; {kept.Count(s => s <= 1)} of {count} within 1 s"));
        return agree ? 0 : 1;
    }

    private static string Spread(List<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {WhatIfRun.Percentile(sorted, 0.5):F2} s, p95 {WhatIfRun.Percentile(sorted, 0.95):F2} s, max {sorted[^1]:F2} s");
    }

    private static double Median(List<double> seconds) => WhatIfRun.Percentile([.. seconds.Order()], 0.5);

    private static (Roster Roster, double Seconds) Seconds(Func<Roster> run)
    {
        var (roster, took) = ReplanRun.Timed(run);
        return (roster, took.TotalSeconds);
    }
}
