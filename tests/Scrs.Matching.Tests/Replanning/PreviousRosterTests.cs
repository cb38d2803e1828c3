using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Replanning;

public class PreviousRosterTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    [Fact]
    public void No_replan_keeps_more_previous_days_than_the_most_kept_bound_which_proves_the_changes_level_where_the_roster_reaches_it()
    {
        var (proven, checkedByOracle) = (0, 0);
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var problem = TinyProblems.Generate(seed);
            var roster = RosterPlanner.Plan(problem, Options);
            if (roster.Assignments.IsEmpty) continue;
            // Offers declined: their days no tour can keep any more.
            var declined = roster.Assignments.Where(_ => random.Next(3) == 0).Select(a => new Offer(a.Member, a.Position)).Distinct().ToList();
            var answered = OfferResponses.Apply(problem, roster.Assignments, [], declined);
            var messages = new List<PlanProgress>();
            var replan = RosterPlanner.Plan(answered, Options with { Previous = roster.Assignments, Progress = new Recorder(messages) });
            if (replan.Objective is not { Changes: { } changes }) continue;
            var previous = new PreviousRoster(roster.Assignments);
            var planned = History.Lock(answered, previous.Assignments).Problem;
            var most = previous.MostKept(CandidateGenerator.Generate(new PlanningIndex(planned)));
            var kept = previous.Days - changes;
            Assert.True(kept <= most, $"seed {seed}: kept {kept}, bound {most}");
            // Proven by the bound: the roster keeps exactly that many days.
            if (messages.Any(m => m.Stage == "changes" && m.Message.StartsWith("proven without search", StringComparison.Ordinal)))
            {
                Assert.Equal(most, kept);
                proven++;
            }
            // And no roster does better, by the exhaustive search (which knows no history: only where none is locked).
            if (planned.Locks.Length == answered.Locks.Length && ExhaustiveSearch.Fits(answered)
                && ExhaustiveSearch.Solve(answered, previous: roster.Assignments) is { Objective: { } optimum })
            {
                Assert.True(ExhaustiveSearch.Compare(replan.Objective, optimum) == 0, $"seed {seed}: {replan.Objective}, oracle {optimum}");
                Assert.True(previous.Days - optimum.Changes <= most, $"seed {seed}: the oracle keeps {previous.Days - optimum.Changes}, bound {most}");
                checkedByOracle++;
            }
        }
        Assert.True(proven >= 10, $"{proven} proven by the bound");
        Assert.True(checkedByOracle >= 10, $"{checkedByOracle} checked by the exhaustive search");
    }

    private sealed class Recorder(List<PlanProgress> messages) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => messages.Add(value);
    }
}
