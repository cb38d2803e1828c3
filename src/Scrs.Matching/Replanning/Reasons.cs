using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Replanning;

/// <summary>The sentences that say why a previous tour cannot be kept, and the checks of one member's days behind them.</summary>
internal static class Reasons
{
    public static string MemberGone(string member) => $"member '{member}' is no longer in the problem";

    public static string PositionGone(string position) => $"position '{position}' is no longer in the problem";

    public static string Window(string position, DateRange window) => $"position '{position}' now runs {window}";

    public static string Headcount(string position, int headcount, int day) =>
        $"tours under way already fill the {headcount} seat(s) of position '{position}' on {DateOnly.FromDayNumber(day):yyyy-MM-dd}";

    /// <summary>Why <paramref name="member"/> cannot hold a tour starting on <paramref name="tourStart"/> through the days <paramref name="from"/>-<paramref name="to"/> on its own, or <see langword="null"/>.</summary>
    public static string? Obstacle(DeploymentProblem problem, Member member, string position, int from, int to, int tourStart)
    {
        foreach (var away in member.Unavailable)
        {
            if (away.Start.DayNumber <= to && from <= away.End.DayNumber)
                return $"member '{member.Id}' is unavailable from {DateOnly.FromDayNumber(Math.Max(from, away.Start.DayNumber)):yyyy-MM-dd}";
        }
        var maxTour = problem.MaxTourDays(member);
        if (to - tourStart + 1 > maxTour) return $"tours of member '{member.Id}' are now at most {maxTour} days";
        return LockElsewhere(problem, member.Id, position, from, to);
    }

    /// <summary>The dated lock that places <paramref name="member"/> on another position within the rest days of <paramref name="from"/>-<paramref name="to"/>, as a reason.</summary>
    public static string? LockElsewhere(DeploymentProblem problem, string member, string position, int from, int to)
    {
        var rest = problem.Policy.RestDays;
        foreach (var l in problem.Locks)
        {
            if (l is not { Start: { } start, End: { } end } || l.Member != member || l.Position == position) continue;
            if (start.DayNumber - rest <= to && from <= end.DayNumber + rest)
                return $"a lock places member '{member}' on position '{l.Position}' from {start:yyyy-MM-dd} to {end:yyyy-MM-dd}";
        }
        return null;
    }

    /// <summary>The exclusion that keeps the tour's member off its position, as a reason, or <see langword="null"/>.</summary>
    public static string? Exclusion(DeploymentProblem problem, Assignment tour)
    {
        var operation = problem.Operations.FirstOrDefault(o => o.Positions.Any(p => p.Id == tour.Position))?.Id ?? tour.Operation;
        return problem.Exclusions.FirstOrDefault(x => x.Covers(tour.Member, tour.Position, operation)) is { } exclusion
            ? $"exclusion '{exclusion.Describe()}' keeps member '{tour.Member}' off position '{tour.Position}'"
            : null;
    }
}
