using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Verification;

/// <summary>What a member's trainings give: shared by the validator and the planner's pruning to the trainings needed.</summary>
internal static class TrainingRules
{
    /// <summary>The session of <paramref name="id"/> with its course, or <see langword="null"/>.</summary>
    public static (Course Course, CourseSession Session)? Session(DeploymentProblem problem, string id)
    {
        foreach (var course in problem.Policy.Courses)
        {
            foreach (var session in course.Sessions)
            {
                if (session.Id == id) return (course, session);
            }
        }
        return null;
    }

    /// <summary>Whether a training in <paramref name="session"/> of <paramref name="course"/> gives its credential on every day of <paramref name="tour"/>: it ends before the tour starts and stays valid through its end.</summary>
    public static bool InTime(Course course, CourseSession session, DateRange tour) =>
        session.Days.End < tour.Start && tour.End <= session.Days.End.AddDays(course.ValidDays);

    /// <summary>
    /// Whether <paramref name="member"/> has <paramref name="credential"/> on every day of <paramref name="tour"/>: held
    /// through its end, or gained in one of <paramref name="trainings"/> (the member's), a session of a course for the
    /// credential that ends before the tour starts and is valid through its end.
    /// </summary>
    public static bool Covers(DeploymentProblem problem, Member member, string credential, DateRange tour, IEnumerable<Training> trainings)
    {
        if (member.HoldsThrough([credential]) is { } last && last >= tour.End) return true;
        foreach (var t in trainings)
        {
            if (Session(problem, t.Session) is not var (course, session)
                || !string.Equals(course.Credential, credential, StringComparison.OrdinalIgnoreCase)) continue;
            if (InTime(course, session, tour)) return true;
        }
        return false;
    }

    /// <summary>
    /// <paramref name="trainings"/> without those that no tour of <paramref name="tours"/> needs: a training is dropped
    /// when every tour of its member still has every credential without it, one at a time, latest session first (so the
    /// earliest that does the work stays). The roster trains a member only where needed.
    /// </summary>
    public static List<Training> Needed(DeploymentProblem problem, IReadOnlyList<Assignment> tours, IEnumerable<Training> trainings)
    {
        var positions = problem.Operations.SelectMany(o => o.Positions).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var members = problem.Members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var kept = trainings.ToList();
        foreach (var t in kept.OrderByDescending(t => t.Start).ThenByDescending(t => t.Session, StringComparer.Ordinal).ToList())
        {
            var others = kept.Where(x => !ReferenceEquals(x, t) && x.Member == t.Member).ToList();
            if (!IsNeeded(problem, members[t.Member], t, tours, positions.GetValueOrDefault, others)) kept.Remove(t);
        }
        return kept;
    }

    /// <summary>
    /// Whether some tour of <paramref name="training"/>'s member among <paramref name="tours"/> needs it: its position
    /// (by <paramref name="positionOf"/>; an unknown one needs nothing) needs the credential, and neither the member's own
    /// nor <paramref name="others"/> (the member's other trainings) cover the tour.
    /// </summary>
    public static bool IsNeeded(DeploymentProblem problem, Member member, Training training, IEnumerable<Assignment> tours,
        Func<string, Position?> positionOf, IEnumerable<Training> others) =>
        tours.Any(a => a.Member == training.Member && positionOf(a.Position) is { } p
            && p.Credentials.Any(c => string.Equals(c, training.Credential, StringComparison.OrdinalIgnoreCase) && !Covers(problem, member, c, a.Days, others)));
}
