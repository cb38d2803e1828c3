using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Baseline;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Planning;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Baseline;

public class GreedyRosterTests
{
    [Property]
    public Property CompletingARosterKeepsItsToursAndEveryRuleAndNeverCoversLess() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            var problem = TinyProblems.Generate(seed);
            // Dropping tours could break a lock, which completion does not restore; locks have tests of their own.
            if (!problem.Locks.IsEmpty) return true;
            var candidates = CandidateGenerator.Generate(new PlanningIndex(problem));
            if (GreedyRoster.Solve(candidates) is not { } greedy) return true;
            var random = new Random(seed);
            var kept = greedy.Where(_ => random.Next(2) == 0).ToArray();
            var completed = GreedyRoster.Complete(candidates, kept);

            var model = RosterModelBuilder.Build(candidates);
            var before = RosterEvaluator.Evaluate(problem, RosterPlanner.ToAssignments(model, model.ColumnValues(kept)));
            var assignments = RosterPlanner.ToAssignments(model, model.ColumnValues(completed));
            var after = RosterEvaluator.Evaluate(problem, assignments);
            return kept.All(completed.Contains)
                && RosterValidator.Validate(problem, assignments).IsEmpty
                && after.Critical >= before.Critical && after.High >= before.High
                && after.Normal >= before.Normal && after.Low >= before.Low;
        });

    [Property]
    public Property EachSlotsToursComeCheapestMemberFirstThenLeastDeployedThenInputOrderThenLongestTourFirst() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            var candidates = CandidateGenerator.Generate(new PlanningIndex(TinyProblems.Generate(seed)));
            var (index, tours) = (candidates.Index, candidates.Tours);
            var order = GreedyRoster.ToursByPositionAndFirstSlot(candidates);
            // Every tour once, in its position's list of its first slot.
            var listed = order.SelectMany((slots, p) => slots.SelectMany((list, s) => list.Select(j => (j, p, s)))).ToList();
            if (listed.Count != tours.Length || listed.Select(x => x.j).Distinct().Count() != tours.Length) return false;
            if (!listed.All(x => tours[x.j].Position == x.p && tours[x.j].FirstSlot == x.s)) return false;
            // The documented order, compared with decimals as the members give them.
            int Compare(int a, int b)
            {
                int ma = tours[a].Member, mb = tours[b].Member;
                var c = index.DailyCost[ma].CompareTo(index.DailyCost[mb]);
                if (c == 0) c = index.Members[ma].DeployedDaysLast365.CompareTo(index.Members[mb].DeployedDaysLast365);
                if (c == 0) c = ma.CompareTo(mb);
                if (c == 0) c = tours[b].LastSlot.CompareTo(tours[a].LastSlot);
                return c != 0 ? c : a.CompareTo(b);
            }
            return order.All(slots => slots.All(list => list.Zip(list.Skip(1)).All(pair => Compare(pair.First, pair.Second) < 0)));
        });

    /// <summary>A tiny problem's candidates, and a third of its tours rejected at random.</summary>
    private static (CandidateSet Candidates, HashSet<int> Rejected) WithRejectedTours(int seed)
    {
        var candidates = CandidateGenerator.Generate(new PlanningIndex(TinyProblems.Generate(seed)));
        var random = new Random(seed);
        return (candidates, Enumerable.Range(0, candidates.Tours.Length).Where(_ => random.Next(3) == 0).ToHashSet());
    }

    [Property]
    public Property CompletingARosterAddsNoTourTheFilterRejects() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            var (candidates, rejected) = WithRejectedTours(seed);
            return !GreedyRoster.Complete(candidates, [], j => !rejected.Contains(j)).Any(rejected.Contains);
        });

    [Fact]
    public void WithoutTheFilterTheGreedyTakesRejectedTours_SoThePropertyAboveTestsSomething()
    {
        var taken = Enumerable.Range(0, 50).Count(seed =>
        {
            var (candidates, rejected) = WithRejectedTours(seed);
            return GreedyRoster.Complete(candidates, []).Any(rejected.Contains);
        });
        Assert.True(taken >= 10, $"only {taken} of 50");
    }

    [Fact]
    public void AContractorsLockBeforeOthersOnItsOperationStillGivesAStart_TheShareIsCheckedOnTheWholeRoster()
    {
        // At most half of the operation may be contractors: the contractor's lock alone breaks that, with the active
        // member beside it the roster keeps it. Placed one at a time, the lock found no start, and the search ran without one.
        var members = new[] { Tests.Planning.ProblemBuilder.Member("c", Domain.Component.Contractor), Tests.Planning.ProblemBuilder.Member("a") };
        var problem = Tests.Planning.ProblemBuilder.Problem(members, [Tests.Planning.ProblemBuilder.Position("p", 0, 29, headcount: 2)],
            surge: [new Domain.SurgeLimit(Component: Domain.Component.Contractor, Operation: "op0", MaxShare: 0.5)],
            locks: [new Domain.AssignmentLock("c", "p", Tests.Planning.ProblemBuilder.D(0), Tests.Planning.ProblemBuilder.D(29))]);
        var candidates = CandidateGenerator.Generate(new PlanningIndex(problem));
        var greedy = GreedyRoster.Solve(candidates);
        Assert.NotNull(greedy);
        var model = RosterModelBuilder.Build(candidates);
        Assert.Empty(RosterValidator.Validate(problem, RosterPlanner.ToAssignments(model, model.ColumnValues(greedy))));
        Assert.Equal(2, greedy.Length);
        // Without the active member the share cannot hold, and there is no start.
        var alone = problem with { Members = [members[0]] };
        Assert.Null(GreedyRoster.Solve(CandidateGenerator.Generate(new PlanningIndex(alone))));
    }
}
