using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Replanning;

public class TrainingHistoryTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// Tiny problems with courses whose roster trains someone, re-planned from the day after its first training began: the
    /// training is history (the member holds the credential, and is in the session until it ends), so the re-plan keeps
    /// every tour that needed it and covers at least what the tours under way cover.
    /// </summary>
    [Fact]
    public void ATrainingBegunBeforeTheNewPlanningDateIsHistoryThatKeepsTheToursNeedingIt()
    {
        var (cases, lostWithout) = (0, 0);
        for (var seed = 0; seed < 400 && cases < 25; seed++)
        {
            var problem = TinyProblems.GenerateWithCourses(seed);
            var roster = RosterPlanner.Plan(problem, Options);
            if (roster.Training.IsEmpty) continue;
            var first = roster.Training.MinBy(t => t.Start)!;
            var moved = problem with { PlanningDate = first.Start.AddDays(1) };
            cases++;
            var replanned = RosterPlanner.Plan(moved, Options with { Previous = roster.Assignments, PreviousTraining = roster.Training });
            Assert.NotEqual(RosterStatus.Infeasible, replanned.Status);
            Assert.Empty(RosterValidator.Validate(moved, replanned.Assignments, roster.Assignments, replanned.Training, roster.Training));
            // Begun trainings are not trained again, nor listed among the changes.
            Assert.DoesNotContain(replanned.Training, t => t.Start < moved.PlanningDate);
            Assert.DoesNotContain(replanned.TrainingChanges, c => c.Start < moved.PlanningDate);
            // The member is in the session until it ends.
            if (first.End >= moved.PlanningDate)
                Assert.DoesNotContain(replanned.Assignments, a => a.Member == first.Member && a.Days.Overlaps(new DateRange(moved.PlanningDate, first.End)));
            var without = RosterPlanner.Plan(moved, Options with { Previous = roster.Assignments });
            if (without.Objective is null || Scrs.Matching.Advice.SeatDays.Compare(Scrs.Matching.Advice.SeatDays.Of(without.Objective), Scrs.Matching.Advice.SeatDays.Of(replanned.Objective!)) > 0) lostWithout++;
        }
        Assert.True(cases >= 10, $"only {cases} tiny problems train someone");
        // Without the history the tours that needed the training lose their credential somewhere.
        Assert.True(lostWithout > 0, "no re-plan needed its history of trainings");
    }

    [Fact]
    public void TrainingChangesListEveryPlannedTrainingOfEitherRosterWithItsKind()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var problem = TinyProblems.GenerateWithCourses(seed);
            var roster = RosterPlanner.Plan(problem, Options);
            if (roster.Training.IsEmpty) continue;
            var again = RosterPlanner.Plan(problem, Options with { Previous = roster.Assignments, PreviousTraining = roster.Training });
            Assert.Equal(roster.Training.Length, again.TrainingChanges.Count(c => c.Kind == ChangeKind.Kept));
            var invented = roster.Training.Add(new Training(roster.Training[0].Member, roster.Training[0].Credential, "gone", problem.PlanningDate, problem.PlanningDate));
            var changes = RosterPlanner.Plan(problem, Options with { Previous = roster.Assignments, PreviousTraining = invented }).TrainingChanges;
            Assert.Contains(changes, c => c is { Kind: ChangeKind.Removed, Session: "gone" } && c.Reason!.Contains("no longer offered", StringComparison.Ordinal));
            return;
        }
        Assert.Fail("no tiny problem trains anyone");
    }

    [Fact]
    public void TwoBegunTrainingsForOneCredentialKeepTheLongerValidityWhateverTheirOrder()
    {
        // FACT from a long course (valid 300 days), then from a short one (30 days) that ends later: the first still
        // holds longer.
        var problem = Planning.ProblemBuilder.Problem([Planning.ProblemBuilder.Member("a")], [Planning.ProblemBuilder.Position("p", 30, 59)]);
        var long_ = new Course("FACT", 300, [new CourseSession("long", new DateRange(Planning.ProblemBuilder.D(-20), Planning.ProblemBuilder.D(-19)), 1)]);
        var short_ = new Course("fact", 30, [new CourseSession("short", new DateRange(Planning.ProblemBuilder.D(-10), Planning.ProblemBuilder.D(-9)), 1)]);
        problem = problem with { Policy = problem.Policy with { Courses = [long_, short_] } };
        Training[] trainings =
        [
            new("a", "FACT", "long", Planning.ProblemBuilder.D(-20), Planning.ProblemBuilder.D(-19)),
            new("a", "fact", "short", Planning.ProblemBuilder.D(-10), Planning.ProblemBuilder.D(-9)),
        ];
        foreach (var order in new[] { trainings, trainings.Reverse().ToArray() })
        {
            var member = Assert.Single(Matching.Replanning.History.Trained(problem, order).Members);
            Assert.Equal(Planning.ProblemBuilder.D(-19).AddDays(300), member.HoldsThrough(["FACT"]));
            Assert.Single(member.Credentials);
        }
    }

}
