using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Sessions;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Tests.Sessions;

public class PlanningSessionTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// A random edit of <paramref name="problem"/>, which may be invalid (the test then skips it); <see langword="null"/>
    /// once the edits have removed every member or position.
    /// </summary>
    internal static ProblemEdit? RandomEdit(Random random, DeploymentProblem problem, Roster? roster, int serial)
    {
        var members = problem.Members;
        var positions = problem.Operations.SelectMany(o => o.Positions).ToList();
        if (members.IsEmpty || positions.Count == 0) return null;
        var member = members[random.Next(members.Length)];
        var position = positions[random.Next(positions.Count)];
        var first = positions.Min(p => p.Window.Start);
        var last = positions.Max(p => p.Window.End);
        DateOnly Day() => first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));
        switch (random.Next(15))
        {
            case 0:
            case 1:
                var from = Day();
                return new MemberUnavailable(member.Id, new DateRange(from, from.AddDays(random.Next(1, 25))));
            case 2:
                return new MemberRemoved(member.Id);
            case 3:
                return new MemberAdded(member with { Id = $"new{serial}", Component = (Component)random.Next(4), DailyCost = member.DailyCost ?? 100m * random.Next(1, 6) });
            case 4:
                return new ExclusionAdded(random.Next(2) == 0 ? new Exclusion(member.Id, position.Id) : new Exclusion(member.Id));
            case 5:
                if (roster is not { Assignments: { Length: > 0 } held } || random.Next(2) == 0) return new LockAdded(new AssignmentLock(member.Id, position.Id));
                var a = held[random.Next(held.Length)];
                return new LockAdded(new AssignmentLock(a.Member, a.Position, a.Start, a.End));
            case 6:
                if (roster is not { Assignments: { Length: > 0 } offered }) return new BudgetChanged(null);
                var o = offered[random.Next(offered.Length)];
                return new OfferAnswered(o.Member, o.Position, random.Next(2) == 0);
            case 7:
                return new PositionAdded(problem.Operations[random.Next(problem.Operations.Length)].Id, position with { Id = $"np{serial}" });
            case 8:
                return new PositionRemoved(position.Id);
            case 9:
                var start = position.Window.Start.AddDays(random.Next(0, 5));
                return random.Next(2) == 0
                    ? new PositionChanged(position.Id, Headcount: Math.Max(1, position.Headcount + random.Next(-1, 2)))
                    : new PositionChanged(position.Id, Window: new DateRange(start, position.Window.End.AddDays(random.Next(-5, 6)) is var end && end >= start ? end : start));
            case 10:
                return new OperationAdded(new Operation($"nop{serial}", "New operation", [position with { Id = $"nop{serial}-1" }]));
            case 11:
                return problem.Policy.Surge.Length > 0 && random.Next(2) == 0
                    ? new SurgeLimitChanged(0, random.Next(2) == 0 ? null : problem.Policy.Surge[0] with { MaxConcurrent = problem.Policy.Surge[0].MaxConcurrent is { } n ? Math.Max(0, n + random.Next(-1, 2)) : null })
                    : new SurgeLimitChanged(problem.Policy.Surge.Length, new SurgeLimit(Component: (Component)random.Next(4), MaxConcurrent: random.Next(0, 3)));
            case 12:
                return new BudgetChanged(random.Next(3) == 0 ? null : 300m * random.Next(0, 60));
            case 13:
                // Days given back: often some of the member's own, else any.
                var back = member.Unavailable.IsEmpty || random.Next(3) == 0 ? new DateRange(Day(), Day()) : member.Unavailable[random.Next(member.Unavailable.Length)];
                var (a0, a1) = (back.Start.AddDays(random.Next(-3, 4)), back.End.AddDays(random.Next(-3, 4)));
                return new MemberAvailable(member.Id, a0 <= a1 ? new DateRange(a0, a1) : new DateRange(a1, a0));
            default:
                return new PlanningDateMoved(problem.PlanningDate.AddDays(random.Next(0, 20)), KeepsHistory: random.Next(3) > 0);
        }
    }

    /// <summary>Applies the edit when it is valid for the session; an invalid one must leave the session as it was.</summary>
    private static bool TryApply(PlanningSession session, ProblemEdit? edit)
    {
        if (edit is null) return false;
        var before = (session.Problem, session.Options);
        try
        {
            session.Apply(edit);
            return true;
        }
        catch (InvalidProblemException)
        {
            Assert.Equal(before, (session.Problem, session.Options));
            return false;
        }
    }

    /// <summary>The unfilled positions as text: records compare their gaps' immutable arrays by reference.</summary>
    private static string[] Shown(ImmutableArray<UnfilledPosition> unfilled) =>
        [.. unfilled.Select(u => $"{u with { Gaps = [] }} {string.Join(", ", u.Gaps)}")];

    private static (long, long, long, long, long?, decimal, long)? Levels(Roster roster) =>
        roster.Objective is { } o ? (o.Critical, o.High, o.Normal, o.Low, o.Changes, o.Cost, o.Load) : null;

    [Fact]
    public void EveryLevelEqualsAFreshPlanAfterRandomEditSequences()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var session = PlanningSession.Create(TinyProblems.Generate(seed), Options);
            session.Solve();
            var applied = new List<ProblemEdit>();
            for (var step = 0; step < 4; step++)
            {
                var edit = RandomEdit(random, session.Problem, session.Roster, step);
                if (!TryApply(session, edit)) continue;
                applied.Add(edit!);
                // Solve after some edits, not after others: edits also pile up between solves.
                if (random.Next(3) == 0 && step < 3) continue;
                var roster = session.Solve();
                var fresh = RosterPlanner.Plan(session.Problem, session.Options);
                var context = $"seed {seed}, edits {string.Join("; ", applied)}";
                Assert.True(roster.Status == fresh.Status, $"{context}: session {roster.Status}, fresh {fresh.Status}");
                Assert.True(Levels(roster) == Levels(fresh), $"{context}: session {roster.Objective}, fresh {fresh.Objective}");
                // The oracle knows no history (tours under way locked, exempt from the lead time): only before a moved date.
                if (session.Options.Previous is null && ExhaustiveSearch.Fits(session.Problem) && ExhaustiveSearch.Solve(session.Problem) is { Objective: { } optimum })
                    Assert.True(ExhaustiveSearch.Compare(roster.Objective!, optimum) == 0, $"{context}: session {roster.Objective}, oracle {optimum}");
            }
        }
    }

    [Fact]
    public void ForksOfOneSolvedBaseEachEqualAFreshPlanOfTheirOwnEdits()
    {
        for (var seed = 100; seed < 130; seed++)
        {
            var random = new Random(seed);
            var solved = PlanningSession.Create(TinyProblems.Generate(seed), Options);
            var baseRoster = solved.Solve();
            for (var k = 0; k < 3; k++)
            {
                var fork = solved.Fork();
                if (!TryApply(fork, RandomEdit(random, fork.Problem, fork.Roster, k))) continue;
                var roster = fork.Solve();
                Assert.True(Levels(roster) == Levels(RosterPlanner.Plan(fork.Problem, fork.Options)), $"seed {seed}, fork {k}");
            }
            // The base is as it was: its forks' edits and solves did not reach it.
            Assert.Same(baseRoster, solved.Roster);
        }
    }

    [Fact]
    public void TheSameBaseAndEditsGiveTheSameRosterWhateverOtherForksRanBefore()
    {
        for (var seed = 200; seed < 215; seed++)
        {
            var solved = PlanningSession.Create(TinyProblems.Generate(seed), Options);
            solved.Solve();
            var edit = RandomEdit(new Random(seed), solved.Problem, solved.Roster, 0);
            var first = solved.Fork();
            if (!TryApply(first, edit)) continue;
            var expected = first.Solve().Assignments;
            // Other forks, solved with other edits, before and beside the same edit again.
            var others = Enumerable.Range(1, 3).Select(k => solved.Fork()).ToList();
            Parallel.ForEach(others, (other, _, k) =>
            {
                if (TryApply(other, RandomEdit(new Random(seed * 10 + (int)k), other.Problem, other.Roster, 1))) other.Solve();
            });
            var again = solved.Fork();
            again.Apply(edit!);
            // As arrays: ImmutableArray's own equality compares references.
            Assert.Equal(expected.ToArray(), again.Solve().Assignments.ToArray());
        }
    }

    [Fact]
    public void ACancelledSessionGoesFromItsCourseAndTheReplanEqualsAFreshPlanAndTheOracleWithoutTrainingInIt()
    {
        var checkedWithTraining = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var session = PlanningSession.Create(TinyProblems.GenerateWithCourses(seed), Options);
            var before = session.Solve();
            // The session someone was trained in when there is one: its cancellation must change the plan.
            var sessions = session.Problem.Policy.Courses.SelectMany(c => c.Sessions).ToList();
            var cancelled = before.Training.Select(t => t.Session).FirstOrDefault() ?? sessions[seed % sessions.Count].Id;
            if (before.Training.Any(t => t.Session == cancelled)) checkedWithTraining++;
            var course = session.Problem.Policy.Courses.Single(c => c.Sessions.Any(s => s.Id == cancelled));
            var solved = session.Problem;
            session.Apply(new SessionCancelled(cancelled));
            var edited = session.Problem.Policy.Courses;
            Assert.DoesNotContain(edited.SelectMany(c => c.Sessions), s => s.Id == cancelled);
            // The course keeps its other sessions; with none left it goes.
            Assert.Equal(course.Sessions.Length == 1 ? 0 : 1, edited.Count(c => c.Credential == course.Credential));
            Assert.Equal(sessions.Count - 1, edited.Sum(c => c.Sessions.Length));
            Assert.True(Narrowing.Narrows(session.Problem, solved));
            var roster = session.Solve();
            var context = $"seed {seed}, {cancelled} cancelled";
            Assert.DoesNotContain(roster.Training, t => t.Session == cancelled);
            var fresh = RosterPlanner.Plan(session.Problem, Options);
            Assert.True(Levels(roster) == Levels(fresh), $"{context}: session {roster.Objective}, fresh {fresh.Objective}");
            if (ExhaustiveSearch.Fits(session.Problem) && ExhaustiveSearch.Solve(session.Problem) is { Objective: { } optimum })
                Assert.True(ExhaustiveSearch.Compare(roster.Objective!, optimum) == 0, $"{context}: session {roster.Objective}, oracle {optimum}");
        }
        // Enough of them took a training away for the comparison to mean something.
        Assert.True(checkedWithTraining >= 5, $"only {checkedWithTraining} problems trained someone");
    }

    [Fact]
    public void ASessionCancelledNarrowsTheProblemWhileASessionAddedOrMovedDoesNot()
    {
        var problem = TinyProblems.GenerateWithCourses(3);
        var courses = problem.Policy.Courses;
        var first = courses[0].Sessions[0];
        var cancelled = Matching.Sessions.Edits.ApplyAll(problem, [new SessionCancelled(first.Id)]);
        Assert.True(Narrowing.Narrows(cancelled, problem));
        Assert.False(Narrowing.Narrows(problem, cancelled));
        var moved = problem with { Policy = problem.Policy with { Courses = courses.SetItem(0, courses[0] with { Sessions = courses[0].Sessions.SetItem(0, first with { Days = new DateRange(first.Days.Start.AddDays(1), first.Days.End.AddDays(1)) }) }) } };
        Assert.False(Narrowing.Narrows(moved, problem));
        var moreSeats = problem with { Policy = problem.Policy with { Courses = courses.SetItem(0, courses[0] with { Sessions = courses[0].Sessions.SetItem(0, first with { Seats = first.Seats + 1 }) }) } };
        Assert.False(Narrowing.Narrows(moreSeats, problem));
        Assert.True(Narrowing.Narrows(problem, moreSeats));
    }

    [Fact]
    public void CancellingAnUnknownSessionIsAnErrorNamingItAndTheSessionIsLeftAsItWas()
    {
        var session = PlanningSession.Create(TinyProblems.GenerateWithCourses(2), Options);
        var problem = session.Problem;
        var error = Assert.Throws<InvalidProblemException>(() => session.Apply(new BudgetChanged(null), new SessionCancelled("fact-2099")));
        var only = Assert.Single(error.Errors);
        Assert.Equal("edits[1].sessionId", only.Field);
        Assert.Equal("fact-2099", only.Id);
        Assert.Contains("'fact-2099'", only.Message, StringComparison.Ordinal);
        Assert.Same(problem, session.Problem);
    }

    [Fact]
    public void AddingASessionOrChangingItsSeatsEqualsTheEditedProblemAndUnknownNamesAreErrors()
    {
        var problem = TinyProblems.GenerateWithCourses(2);
        var course = problem.Policy.Courses[0];
        var first = course.Sessions[0];
        var added = new CourseSession("extra", new DateRange(first.Days.Start.AddDays(3), first.Days.End.AddDays(3)), 2);
        var edited = Matching.Sessions.Edits.ApplyAll(problem, [new SessionAdded(course.Credential.ToUpperInvariant(), added), new SessionSeatsChanged(first.Id, first.Seats + 3)]);
        var expected = problem with
        {
            Policy = problem.Policy with { Courses = problem.Policy.Courses.SetItem(0, course with { Sessions = course.Sessions.SetItem(0, first with { Seats = first.Seats + 3 }).Add(added) }) },
        };
        Assert.Equal(Scrs.Matching.Input.ProblemJson.Write(expected), Scrs.Matching.Input.ProblemJson.Write(edited));

        var session = PlanningSession.Create(problem, Options);
        var error = Assert.Throws<InvalidProblemException>(() => session.Apply(new SessionAdded("diving", added), new SessionSeatsChanged("nowhere", 2)));
        Assert.Equal(["edits[0].credential", "edits[1].sessionId"], error.Errors.Select(e => e.Field));
        Assert.Same(problem, session.Problem);
        // A session's seats follow the validator's rule.
        var zero = Assert.Throws<InvalidProblemException>(() => session.Apply(new SessionSeatsChanged(first.Id, 0)));
        Assert.Contains(zero.Errors, e => e.Field.EndsWith(".seats", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEditThatOnlyNarrowsTheProblemIsProvenWithoutSearchWhereTheRosterStillReachesTheOptimum()
    {
        // The first tiny problem whose optimal roster leaves a member idle: excluding that member cannot improve any level.
        var (problem, roster, idle) = Enumerable.Range(0, 100).Select(TinyProblems.Generate)
            .Select(p => (Problem: p, Roster: RosterPlanner.Plan(p, Options)))
            .Where(x => x.Roster.Status == RosterStatus.Optimal)
            .Select(x => (x.Problem, x.Roster, Idle: x.Problem.Members.Select(m => m.Id).FirstOrDefault(m => x.Roster.Assignments.All(a => a.Member != m))))
            .First(x => x.Idle is not null);
        var messages = new List<PlanProgress>();
        var watched = PlanningSession.Create(problem, Options with { Progress = new Recorder(messages) });
        watched.Solve();
        messages.Clear();
        watched.Apply(new ExclusionAdded(new Exclusion(idle!)));
        var again = watched.Solve();
        Assert.Equal(Levels(roster), Levels(again));
        Assert.All(again.Statistics.Stages, s => Assert.Equal(0, s.Nodes));
        Assert.Contains(messages, m => m.Message.StartsWith("proven without search (the edit cannot improve", StringComparison.Ordinal));
    }

    [Fact]
    public void ForksThatOnlyNarrowAPatchedModelEqualAFreshPlanOnEveryLevelAndInTheirReport()
    {
        var patched = 0;
        for (var seed = 300; seed < 340; seed++)
        {
            var random = new Random(seed);
            var messages = new List<PlanProgress>();
            var solved = PlanningSession.Create(TinyProblems.Generate(seed), Options with { Progress = new Recorder(messages) });
            if (solved.Solve().Objective is null) continue;
            for (var k = 0; k < 4; k++)
            {
                // Half of them re-plan the solved roster, whose changes level the built model did not count.
                var fork = k % 2 == 0 ? solved.Fork() : solved.Fork(solved.Options with { Previous = solved.Roster!.Assignments });
                var member = fork.Problem.Members[random.Next(fork.Problem.Members.Length)].Id;
                var held = solved.Roster!.Assignments;
                var day = fork.Problem.PlanningDate.AddDays(random.Next(120));
                ProblemEdit edit = random.Next(5) switch
                {
                    0 => new ExclusionAdded(new Exclusion(member)),
                    1 when held.Length > 0 => held[random.Next(held.Length)] is var a ? new OfferAnswered(a.Member, a.Position, random.Next(2) == 0) : null!,
                    2 when held.Length > 0 => held[random.Next(held.Length)] is var b ? new LockAdded(new AssignmentLock(b.Member, b.Position, b.Start, b.End)) : null!,
                    3 => new BudgetChanged(300m * random.Next(0, 60)),
                    _ => new MemberUnavailable(member, new DateRange(day, day.AddDays(random.Next(1, 40)))),
                };
                if (!TryApply(fork, edit)) continue;
                messages.Clear();
                var roster = fork.Solve();
                patched += messages.Count(m => m.Message.EndsWith("(the last model's, patched)", StringComparison.Ordinal));
                var fresh = RosterPlanner.Plan(fork.Problem, fork.Options with { Progress = null });
                Assert.True(Levels(roster) == Levels(fresh), $"seed {seed}, {edit}: session {roster.Objective}, fresh {fresh.Objective}");
                Assert.Equal(fresh.Status, roster.Status);
                Assert.Equal(fresh.Reasons.ToArray(), roster.Reasons.ToArray());
                Assert.Equal(fresh.Statistics.CandidateTours, roster.Statistics.CandidateTours);
                if (fresh.Assignments.SequenceEqual(roster.Assignments))
                    Assert.Equal(Shown(fresh.Unfilled), Shown(roster.Unfilled));
            }
        }
        // The property holds for the patched models, not only for full builds: most of these forks are patched.
        Assert.True(patched >= 60, $"{patched} forks patched");
    }

    [Fact]
    public void AReplanOfTheSolvedRosterProvesItsCoverageLevelsWithoutSearchWhereTheRosterStillReachesThem()
    {
        // As above, with the fork counting its changes against the solved roster: the coverage levels come before the
        // changes level, so the solved optima still bound them; the changes, cost and load levels are searched.
        var narrowed = 0;
        var cases = Enumerable.Range(0, 100).Select(TinyProblems.Generate)
            .Select(p => (Problem: p, Roster: RosterPlanner.Plan(p, Options)))
            .Where(x => x.Roster.Status == RosterStatus.Optimal)
            .Select(x => (x.Problem, x.Roster, Idle: x.Problem.Members.Select(m => m.Id).FirstOrDefault(m => x.Roster.Assignments.All(a => a.Member != m))))
            .Where(x => x.Idle is not null).Take(10);
        foreach (var (problem, roster, idle) in cases)
        {
            var messages = new List<PlanProgress>();
            var solved = PlanningSession.Create(problem, Options);
            solved.Solve();
            var replan = solved.Fork(Options with { Previous = solved.Roster!.Assignments, Progress = new Recorder(messages) });
            replan.Apply(new ExclusionAdded(new Exclusion(idle!)));
            var again = replan.Solve();
            var fresh = RosterPlanner.Plan(replan.Problem, replan.Options with { Progress = null });
            Assert.Equal(Levels(fresh), Levels(again));
            Assert.Equal((roster.Objective!.Critical, roster.Objective.High, roster.Objective.Normal, roster.Objective.Low),
                (again.Objective!.Critical, again.Objective.High, again.Objective.Normal, again.Objective.Low));
            string[] coverage = ["critical", "high", "normal", "low"];
            Assert.All(messages.Where(m => coverage.Contains(m.Stage) && m.Objective is not null),
                m => Assert.StartsWith("proven without search", m.Message, StringComparison.Ordinal));
            Assert.DoesNotContain(messages, m => m.Stage is "changes" or "cost" or "load" && m.Message.Contains("the edit cannot improve", StringComparison.Ordinal));
            narrowed += messages.Count(m => m.Message.StartsWith("proven without search (the edit cannot improve", StringComparison.Ordinal));
        }
        // Levels below their upper bound (not proven by it alone) were proven by the solved optima.
        Assert.True(narrowed > 0);
    }

    [Fact]
    public void AResumedSessionPlansTheSameRosterFromTheKeptModelAsFromOneBuiltAgain()
    {
        for (var seed = 400; seed < 420; seed++)
        {
            var random = new Random(seed);
            var problem = TinyProblems.Generate(seed);
            var solved = PlanningSession.Create(problem, Options);
            var roster = solved.Solve();
            if (roster is not { Objective: not null, Assignments.Length: > 0 }) continue;
            var offer = roster.Assignments[random.Next(roster.Assignments.Length)];
            var answer = new OfferAnswered(offer.Member, offer.Position, random.Next(2) == 0);
            PlanningSession Replan(BuiltModel? built)
            {
                var session = PlanningSession.Resume(problem, Options, roster, built).Fork(Options with { Previous = roster.Assignments });
                session.Apply(answer);
                session.Solve();
                return session;
            }
            Assert.NotNull(solved.Built);
            var kept = Replan(solved.Built);
            var again = Replan(null);
            Assert.Equal(kept.Roster!.Assignments.ToArray(), again.Roster!.Assignments.ToArray());
            Assert.Equal(Levels(RosterPlanner.Plan(kept.Problem, kept.Options)), Levels(kept.Roster));
        }
    }

    [Fact]
    public void EditErrorsAreAllReportedAtOnceNamingTheEditAndTheSessionIsLeftAsItWas()
    {
        var session = PlanningSession.Create(TinyProblems.Generate(5), Options);
        var problem = session.Problem;
        var error = Assert.Throws<InvalidProblemException>(() => session.Apply(
            new MemberUnavailable("nobody", new DateRange(problem.PlanningDate, problem.PlanningDate)),
            new BudgetChanged(1000m),
            new PositionRemoved("no-such-position"),
            new OfferAnswered(problem.Members[0].Id, "p1", true),
            new SurgeLimitChanged(7, null)));
        Assert.Equal(["edits[0].member", "edits[2].position", "edits[3]", "edits[4].index"], error.Errors.Select(e => e.Field));
        Assert.Same(problem, session.Problem);
    }

    [Fact]
    public void MembersAwayAppliedTogetherGiveTheSameProblemAsOneEditAtATime()
    {
        for (var seed = 300; seed < 340; seed++)
        {
            var random = new Random(seed);
            var problem = TinyProblems.Generate(seed);
            var edits = new List<ProblemEdit>();
            for (var k = 0; k < 12; k++)
            {
                // Runs of members away, some on the same member, with other edits between them.
                var from = problem.PlanningDate.AddDays(random.Next(0, 60));
                edits.Add(random.Next(5) == 0
                    ? new BudgetChanged(100m * random.Next(1, 50))
                    : new MemberUnavailable(problem.Members[random.Next(problem.Members.Length)].Id, new DateRange(from, from.AddDays(random.Next(0, 20)))));
            }
            var together = PlanningSession.Create(problem, Options);
            together.Apply([.. edits]);
            var oneByOne = PlanningSession.Create(problem, Options);
            foreach (var edit in edits) oneByOne.Apply(edit);
            Assert.Equal(oneByOne.Problem.Policy, together.Problem.Policy);
            for (var m = 0; m < problem.Members.Length; m++)
                Assert.Equal(oneByOne.Problem.Members[m].Unavailable.ToArray(), together.Problem.Members[m].Unavailable.ToArray());
        }
        // Each unknown member of a run is named under its own edit.
        var tiny = PlanningSession.Create(TinyProblems.Generate(5), Options);
        var day = new DateRange(tiny.Problem.PlanningDate, tiny.Problem.PlanningDate);
        var error = Assert.Throws<InvalidProblemException>(() => tiny.Apply(new MemberUnavailable(tiny.Problem.Members[0].Id, day),
            new MemberUnavailable("nobody", day), new MemberUnavailable(tiny.Problem.Members[1].Id, day), new MemberUnavailable("nobody-else", day)));
        Assert.Equal(["edits[1].member", "edits[3].member"], error.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AMembersDaysAfterEditsAwayAndBackAreTheDaysEachEditLeftUnavailableDayByDay()
    {
        for (var seed = 400; seed < 440; seed++)
        {
            var random = new Random(seed);
            var problem = TinyProblems.Generate(seed);
            var session = PlanningSession.Create(problem, Options);
            var first = problem.PlanningDate.DayNumber - 10;
            // Day by day, the oracle: the member's own days, then each edit's.
            var away = problem.Members.Select(m => Enumerable.Range(first, 120).Select(d => m.Unavailable.Any(r => r.Contains(DateOnly.FromDayNumber(d)))).ToArray()).ToArray();
            var edits = new List<ProblemEdit>();
            for (var k = 0; k < 10; k++)
            {
                var m = random.Next(problem.Members.Length);
                var from = random.Next(first, first + 100);
                var days = new DateRange(DateOnly.FromDayNumber(from), DateOnly.FromDayNumber(from + random.Next(0, 20)));
                var back = random.Next(2) == 0;
                edits.Add(back ? new MemberAvailable(problem.Members[m].Id, days) : new MemberUnavailable(problem.Members[m].Id, days));
                for (var d = days.Start.DayNumber; d <= days.End.DayNumber; d++) away[m][d - first] = !back;
            }
            // Some edits together, the rest one at a time.
            var split = random.Next(edits.Count + 1);
            session.Apply([.. edits.Take(split)]);
            foreach (var edit in edits.Skip(split)) session.Apply(edit);
            for (var m = 0; m < problem.Members.Length; m++)
            {
                var ranges = session.Problem.Members[m].Unavailable;
                for (var d = 0; d < 120; d++)
                    Assert.True(away[m][d] == ranges.Any(r => r.Contains(DateOnly.FromDayNumber(first + d))), $"seed {seed}, member {m}, day {first + d}");
                // Sorted and disjoint, not even touching: the form the validator and the eligibility expect.
                for (var k = 1; k < ranges.Length; k++) Assert.True(ranges[k - 1].End.DayNumber + 1 < ranges[k].Start.DayNumber, $"seed {seed}, member {m}");
            }
        }
    }

    [Fact]
    public void APlanningDateMovedWithoutHistoryKeepsTheOptionsAndNeedsNoSolveBefore()
    {
        var session = PlanningSession.Create(TinyProblems.Generate(7), Options);
        var later = session.Problem.PlanningDate.AddDays(3);
        Assert.Throws<InvalidProblemException>(() => session.Apply(new PlanningDateMoved(later)));
        session.Apply(new PlanningDateMoved(later, KeepsHistory: false));
        Assert.Equal(later, session.Problem.PlanningDate);
        session.Solve();
        session.Apply(new PlanningDateMoved(later.AddDays(2), KeepsHistory: false));
        Assert.Null(session.Options.Previous);
        session.Apply(new PlanningDateMoved(later.AddDays(4)));
        Assert.Equal(session.Roster!.Assignments, session.Options.Previous);
    }

    [Fact]
    public void APositionRemovedLeavesItsTeamAndATeamLeftWithOnePositionGoes()
    {
        var problem = Planning.ProblemBuilder.Problem([Planning.ProblemBuilder.Member("a")],
            [Planning.ProblemBuilder.Position("p", 0, 29), Planning.ProblemBuilder.Position("q", 0, 29), Planning.ProblemBuilder.Position("r", 0, 29)]);
        var session = PlanningSession.Create(problem with { Operations = [problem.Operations[0] with { Teams = [new Team("t", "t", ["p", "q", "r"])] }] }, Options);
        session.Apply(new PositionRemoved("q"));
        Assert.Equal(["p", "r"], Assert.Single(session.Problem.Operations[0].Teams).Positions.ToArray());
        session.Apply(new PositionRemoved("p"));
        Assert.Empty(session.Problem.Operations[0].Teams);
        Assert.Equal(RosterStatus.Optimal, session.Solve().Status);
    }

    [Fact]
    public void AnEditedProblemThatBreaksAValidationRuleIsRejectedWithTheValidatorsError()
    {
        var session = PlanningSession.Create(TinyProblems.Generate(5), Options);
        var member = session.Problem.Members[0];
        var error = Assert.Throws<InvalidProblemException>(() => session.Apply(new MemberAdded(member)));
        Assert.Contains(error.Errors, e => e.Id == member.Id);
    }

    private sealed class Recorder(List<PlanProgress> messages) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => messages.Add(value);
    }
}
