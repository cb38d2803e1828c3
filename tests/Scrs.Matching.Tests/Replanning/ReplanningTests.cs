using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Validation;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Replanning;

public class ReplanningTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    private static Arbitrary<int> Seeds => Gen.Choose(0, 100_000).ToArbitrary();

    private static Roster Plan(DeploymentProblem problem, IReadOnlyList<Assignment>? previous = null) =>
        RosterPlanner.Plan(problem, Options with { Previous = previous });

    /// <summary>The tiny problem of <paramref name="seed"/> and its optimal roster, or none when it is infeasible.</summary>
    private static (DeploymentProblem Problem, Roster Roster)? Solved(int seed)
    {
        var problem = TinyProblems.Generate(seed);
        var roster = Plan(problem);
        return roster.Status == RosterStatus.Infeasible ? null : (problem, roster);
    }

    [Property(MaxTest = 60)]
    public Property ReplanningAnUnchangedProblemKeepsTheSameRosterWithZeroChanges() =>
        Prop.ForAll(Seeds, seed =>
        {
            if (Solved(seed) is not var (problem, roster)) return true;
            var again = Plan(problem, roster.Assignments);
            return again.Status == RosterStatus.Optimal
                && again.Assignments.SequenceEqual(roster.Assignments)
                && again.Objective!.Changes == 0 && again.Bound.Changes == 0
                && again.Changes.Length == roster.Assignments.Length && again.Changes.All(c => c.Kind == ChangeKind.Kept && c.Reason is null);
        });

    [Fact]
    public void ReplanningTheSmallCorpsUnchangedKeepsEveryTour()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily("small"));
        var roster = Plan(problem);
        var again = Plan(problem, roster.Assignments);
        Assert.Equal(RosterStatus.Optimal, again.Status);
        Assert.Equal(roster.Assignments.ToArray(), again.Assignments.ToArray());
        Assert.Equal(0, again.Objective!.Changes);
        Assert.All(again.Changes, c => Assert.Equal(ChangeKind.Kept, c.Kind));
    }

    [Fact]
    public void ChangesLevelEqualsTheExhaustiveMinimumWhenOneMemberBecomesUnavailable()
    {
        var checkedCases = 0;
        for (var seed = 0; seed < 120 && checkedCases < 50; seed++)
        {
            if (Solved(seed) is not var (problem, roster) || roster.Assignments.IsEmpty) continue;
            var random = new Random(seed);
            var tour = roster.Assignments[random.Next(roster.Assignments.Length)];
            var day = tour.Start.AddDays(random.Next(tour.Days.Days));
            var changed = problem with
            {
                Members = [.. problem.Members.Select(m => m.Id == tour.Member ? m with { Unavailable = m.Unavailable.Add(new DateRange(day, day)) } : m)],
            };
            var replanned = Plan(changed, roster.Assignments);
            var oracle = ExhaustiveSearch.Solve(changed, previous: roster.Assignments);
            Assert.Equal(oracle.Feasible, replanned.Status != RosterStatus.Infeasible);
            if (!oracle.Feasible) continue;
            Assert.True(replanned.Status == RosterStatus.Optimal, $"seed {seed}: {replanned.Status}");
            Assert.True(ExhaustiveSearch.Compare(replanned.Objective!, oracle.Objective!) == 0,
                $"seed {seed}: planner {replanned.Objective} oracle {oracle.Objective}");
            Assert.Equal(replanned.Objective!.Changes, replanned.Bound.Changes);
            // The member's tour had to change; it is reported as forced, with the day the member is away.
            Assert.Contains(replanned.Changes, c => c.Member == tour.Member && c.Kind != ChangeKind.Kept && c.Forced);
            checkedCases++;
        }
        Assert.True(checkedCases >= 30, $"only {checkedCases} cases checked");
    }

    [Property(MaxTest = 60)]
    public Property ChangesLevelEqualsTheExhaustiveMinimumAfterAnyOneEdit() =>
        Prop.ForAll(Seeds, seed =>
        {
            if (Solved(seed) is not var (problem, roster)) return true;
            var changed = Edit(problem, new Random(seed));
            var replanned = Plan(changed, roster.Assignments);
            var oracle = ExhaustiveSearch.Solve(changed, previous: roster.Assignments);
            if (!oracle.Feasible) return replanned.Status == RosterStatus.Infeasible;
            return replanned.Status == RosterStatus.Optimal && ExhaustiveSearch.Compare(replanned.Objective!, oracle.Objective!) == 0
                && RosterValidator.Validate(changed, replanned.Assignments).IsEmpty
                && replanned.Objective == RosterEvaluator.Evaluate(changed, replanned.Assignments, roster.Assignments);
        });

    [Property(MaxTest = 60)]
    public Property EveryAssignmentOfEitherRosterHasExactlyOneChangeEntryOfTheRightKind() =>
        Prop.ForAll(Seeds, seed =>
        {
            if (Solved(seed) is not var (problem, roster)) return true;
            var changed = Edit(problem, new Random(seed));
            var replanned = Plan(changed, roster.Assignments);
            if (replanned.Status == RosterStatus.Infeasible) return true;
            var current = replanned.Changes.Where(c => c.Kind != ChangeKind.Removed)
                .Select(c => (c.Member, c.Position, c.Start, c.End)).ToList();
            var previous = replanned.Changes.Select(c => c.Kind switch
            {
                ChangeKind.Kept => (c.Member, c.Position, c.Start, c.End),
                ChangeKind.Removed => (c.Member, c.Position, c.Start, c.End),
                ChangeKind.Added => default,
                _ => (c.Previous!.Member, c.Previous.Position, c.Previous.Start, c.Previous.End),
            }).Where(p => p != default).ToList();
            return current.Order().SequenceEqual(replanned.Assignments.Select(a => (a.Member, a.Position, a.Start, a.End)).Order())
                && previous.Order().SequenceEqual(roster.Assignments.Select(a => (a.Member, a.Position, a.Start, a.End)).Order())
                && replanned.Changes.All(Consistent);
        });

    /// <summary>Whether the entry's kind says what its days and previous days are.</summary>
    private static bool Consistent(RosterChange c) => c.Kind switch
    {
        ChangeKind.Kept => c.Previous is null && c.Reason is null,
        ChangeKind.Shortened => c.Previous is { } p && p.Position == c.Position && p.Start <= c.Start && c.End <= p.End && p.Days != new DateRange(c.Start, c.End),
        ChangeKind.Extended => c.Previous is { } p && p.Position == c.Position && c.Start <= p.Start && p.End <= c.End && p.Days != new DateRange(c.Start, c.End),
        ChangeKind.Moved => c.Previous is { } p && p.Member == c.Member && c.Reason is not null,
        _ => c.Previous is null && c.Reason is not null,
    };

    /// <summary>One random edit of the problem a planner might make: a member away or gone, a position cut, a seat less, a lock, a decline.</summary>
    private static DeploymentProblem Edit(DeploymentProblem problem, Random random)
    {
        var member = problem.Members[random.Next(problem.Members.Length)];
        var positions = problem.Operations.SelectMany(o => o.Positions).ToList();
        var position = positions[random.Next(positions.Count)];
        DeploymentProblem WithPosition(Position changed) => problem with
        {
            Operations = [.. problem.Operations.Select(o => o with { Positions = [.. o.Positions.Select(p => p.Id == changed.Id ? changed : p)] })],
        };
        var away = position.Window.Start.AddDays(random.Next(position.Window.Days));
        var absent = problem with
        {
            Members = [.. problem.Members.Select(m => m == member ? m with { Unavailable = m.Unavailable.Add(new DateRange(away, away.AddDays(random.Next(0, 5)))) } : m)],
        };
        var edited = random.Next(6) switch
        {
            0 => absent,
            1 => problem with { Members = problem.Members.Remove(member), Locks = [.. problem.Locks.Where(l => l.Member != member.Id)], Exclusions = [.. problem.Exclusions.Where(x => x.Member != member.Id)] },
            2 => WithPosition(position with { Window = new DateRange(position.Window.Start, position.Window.Start.AddDays(Math.Max(1, position.Window.Days - random.Next(1, 10)) - 1)) }) with { Locks = [] },
            3 => WithPosition(position with { Headcount = Math.Max(1, position.Headcount - 1), Priority = (Priority)random.Next(4) }),
            4 => problem with { Locks = [new AssignmentLock(member.Id, position.Id)] },
            _ => problem with { Exclusions = problem.Exclusions.Add(new Exclusion(member.Id, position.Id)) },
        };
        // An edit that makes the input invalid (a surge limit naming only the removed member's agency, a lock an exclusion forbids) is not one a planner can make.
        return ProblemValidator.Validate(edited).IsEmpty ? edited : absent;
    }

    [Property(MaxTest = 100)]
    public Property ToursUnderWayAreNeverMovedWhenNothingRulesTheirDaysOut() =>
        Prop.ForAll(Seeds, seed =>
        {
            if (Solved(seed) is not var (problem, roster) || roster.Assignments.IsEmpty) return true;
            // Later, with one more member who could take over any seat: the tours under way still stay as they were.
            var random = new Random(seed);
            var day = roster.Assignments[random.Next(roster.Assignments.Length)].Start.AddDays(random.Next(0, 3));
            var later = problem with { PlanningDate = day, Members = problem.Members.Add(problem.Members[0] with { Id = "newcomer", DeployedDaysLast365 = 0, DailyCost = 1 }) };
            var replanned = Plan(later, roster.Assignments);
            // A later planning date can put a lock's only tours inside the lead time: then the problem itself is infeasible.
            // Or the tours under way can break a rule between members (a share, the budget) once later tours drop out for
            // the lead time: those are left to the solver, which says so (docs/replanning.md).
            if (replanned.Status == RosterStatus.Infeasible)
                return Plan(later).Status == RosterStatus.Infeasible || replanned.Reasons.Any(r => r.Contains("surge limit", StringComparison.Ordinal) || r.Contains("budget", StringComparison.Ordinal));
            var underWay = roster.Assignments.Where(a => a.Start <= day).ToList();
            return underWay.All(a => replanned.Assignments.Any(n => n.Member == a.Member && n.Position == a.Position && n.Start <= a.Start && a.End <= n.End))
                && RosterValidator.Validate(later, replanned.Assignments, roster.Assignments).IsEmpty;
        });

    [Fact]
    public void TourUnderWayIsKeptEvenWhenMovingTheMemberWouldCoverACriticalSeat()
    {
        // Member a serves p (normal) from day 0. On day 40 a critical seat opens that only a could take.
        var a = Member("a");
        var problem = Problem([a], [Position("p", 0, 179, rotation: 30)], restDays: 0);
        var roster = Plan(problem);
        var tour = Assert.Single(roster.Assignments);
        var later = problem with
        {
            PlanningDate = D(40),
            Operations = [problem.Operations[0] with { Positions = problem.Operations[0].Positions.Add(Position("urgent", 60, 119, priority: Priority.Critical)) }],
        };
        Assert.Equal(60, Plan(later).Objective!.Critical);

        var replanned = Plan(later, roster.Assignments);
        Assert.Equal([tour], replanned.Assignments.ToArray());
        Assert.Equal(0, replanned.Objective!.Critical);
        Assert.Equal(ChangeKind.Kept, Assert.Single(replanned.Changes).Kind);
    }

    [Fact]
    public void TourUnderWayEndsAtTheLastRotationSlotBeforeTheMemberBecomesUnavailable()
    {
        var problem = Problem([Member("a"), Member("b", cost: 900)], [Position("p", 0, 179, rotation: 30)], restDays: 0);
        var roster = Plan(problem);
        Assert.Equal("a", Assert.Single(roster.Assignments).Member);
        var ill = problem with
        {
            PlanningDate = D(40),
            Members = [problem.Members[0] with { Unavailable = [new DateRange(D(75), D(80))] }, problem.Members[1]],
        };
        var replanned = Plan(ill, roster.Assignments);
        var a = replanned.Assignments.Where(t => t.Member == "a").ToList();
        Assert.Equal(new DateRange(D(0), D(59)), a[0].Days);
        var shortened = Assert.Single(replanned.Changes, c => c.Member == "a" && c.Start == D(0));
        Assert.Equal(ChangeKind.Shortened, shortened.Kind);
        Assert.True(shortened.Forced);
        Assert.Contains("unavailable from 2027-03-17", shortened.Reason);
        Assert.True(RosterValidator.Validate(ill, replanned.Assignments, roster.Assignments).IsEmpty);
        // Without the previous roster the tour under way looks like a new tour inside the lead time.
        Assert.Contains(RosterValidator.Validate(ill with { Policy = ill.Policy with { Components = ill.Policy.Components.SetItem(Component.Active, ill.Policy.For(Component.Active) with { LeadTimeDays = 2 }) } },
            replanned.Assignments), v => v.Rule == Rule.LeadTime);
    }

    [Fact]
    public void TourUnderWayOfAMemberWhoLeftIsRemovedAndSaysWhy()
    {
        var problem = Problem([Member("a"), Member("b", cost: 900)], [Position("p", 0, 89, rotation: 30)], restDays: 0);
        var roster = Plan(problem);
        var left = problem with { PlanningDate = D(10), Members = [problem.Members[1]] };
        var replanned = Plan(left, roster.Assignments);
        var removed = Assert.Single(replanned.Changes, c => c.Kind == ChangeKind.Removed);
        Assert.Equal(("a", true), (removed.Member, removed.Forced));
        Assert.Equal("member 'a' is no longer in the problem", removed.Reason);
        // b takes the seat from the next slot on: the slot under way already began.
        var added = Assert.Single(replanned.Changes, c => c.Kind == ChangeKind.Added);
        Assert.Equal("b", added.Member);
        Assert.False(added.Forced);
    }

    [Fact]
    public void MovingAMemberToAHigherPrioritySeatIsAChosenChangeThatSaysWhere()
    {
        // Before the tour starts a critical seat opens that only a can take: coverage comes before stability.
        var problem = Problem([Member("a"), Member("b", skill: "law")], [Position("p", 30, 89)], restDays: 0);
        var roster = Plan(problem);
        var urgent = problem with
        {
            Operations = [problem.Operations[0] with { Positions = problem.Operations[0].Positions.Add(Position("urgent", 30, 89, priority: Priority.Critical)) }],
        };
        var replanned = Plan(urgent, roster.Assignments);
        var moved = Assert.Single(replanned.Changes);
        Assert.Equal((ChangeKind.Moved, "urgent", false), (moved.Kind, moved.Position, moved.Forced));
        Assert.Equal("p", moved.Previous!.Position);
        Assert.Equal(60, replanned.Objective!.Changes);
    }
}
