using Scrs.Matching.Domain;

namespace Scrs.Matching.Eligibility;

/// <summary>
/// The problem with ids resolved to dense indices and dates turned into day numbers, built once so that every later
/// stage works on arrays instead of dictionaries and strings.
/// </summary>
internal sealed class PlanningIndex
{
    public PlanningIndex(DeploymentProblem problem)
    {
        Problem = problem;
        PlanningDay = problem.PlanningDate.DayNumber;
        Members = [.. problem.Members];
        var positions = new List<Position>();
        var operationOf = new List<int>();
        for (var o = 0; o < problem.Operations.Length; o++)
        {
            foreach (var p in problem.Operations[o].Positions)
            {
                positions.Add(p);
                operationOf.Add(o);
            }
        }
        Positions = [.. positions];
        PositionOperation = [.. operationOf];
        MemberIndex = new Dictionary<string, int>(Members.Length, StringComparer.Ordinal);
        for (var m = 0; m < Members.Length; m++) MemberIndex.TryAdd(Members[m].Id, m);
        PositionIndex = new Dictionary<string, int>(Positions.Length, StringComparer.Ordinal);
        for (var p = 0; p < Positions.Length; p++) PositionIndex.TryAdd(Positions[p].Id, p);
        DailyCost = Array.ConvertAll(Members, problem.DailyCost);
        MaxTourDays = Array.ConvertAll(Members, problem.MaxTourDays);
        EarliestStart = Array.ConvertAll(Members, m => PlanningDay + problem.LeadTimeDays(m));
        Sessions = [.. problem.Policy.Courses.SelectMany(c => c.Sessions.Select(s => (c, s)))];
    }

    /// <summary>Every session of every course, in policy order: a training column's session is an index into it.</summary>
    public (Course Course, CourseSession Session)[] Sessions { get; }

    public DeploymentProblem Problem { get; }
    public int PlanningDay { get; }
    public Member[] Members { get; }
    public Position[] Positions { get; }

    /// <summary>Operation index of each position.</summary>
    public int[] PositionOperation { get; }

    public Dictionary<string, int> MemberIndex { get; }
    public Dictionary<string, int> PositionIndex { get; }
    public decimal[] DailyCost { get; }
    public int[] MaxTourDays { get; }

    /// <summary>First day each member can start a tour (planning day plus lead time).</summary>
    public int[] EarliestStart { get; }

    public Operation OperationOf(int position) => Problem.Operations[PositionOperation[position]];

    public static DateOnly Day(int dayNumber) => DateOnly.FromDayNumber(dayNumber);
}
