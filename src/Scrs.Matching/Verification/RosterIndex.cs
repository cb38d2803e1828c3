using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Verification;

/// <summary>Lookups of a problem's members, positions and exclusions by id, built from the input alone.</summary>
/// <remarks>With duplicate ids (an input error reported elsewhere) the first record wins.</remarks>
internal sealed class RosterIndex
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Position Position, string Operation)> _positions = new(StringComparer.Ordinal);
    private readonly ILookup<string, Exclusion> _exclusions;

    public RosterIndex(DeploymentProblem problem)
    {
        foreach (var member in problem.Members)
            _members.TryAdd(member.Id, member);
        foreach (var operation in problem.Operations)
            foreach (var position in operation.Positions)
                _positions.TryAdd(position.Id, (position, operation.Id));
        // By member, so that a roster of many tours is not checked against every exclusion of the problem.
        _exclusions = (problem.Exclusions.IsDefault ? [] : problem.Exclusions).ToLookup(e => e.Member, StringComparer.Ordinal);
    }

    public Member? Member(string id) => _members.GetValueOrDefault(id);

    public (Position Position, string Operation)? Position(string id) =>
        _positions.TryGetValue(id, out var found) ? found : null;

    /// <summary>The exclusions naming member <paramref name="id"/>, in input order.</summary>
    public IEnumerable<Exclusion> ExclusionsOf(string id) => _exclusions[id];

    /// <summary>The tour of <paramref name="assignment"/> when both its member and its position are known.</summary>
    public Tour? Resolve(Assignment assignment) =>
        Member(assignment.Member) is { } member && Position(assignment.Position) is { } position
            ? new Tour(assignment, member, position.Position, position.Operation)
            : null;
}

/// <summary>An assignment with its member and position resolved; days are day numbers, both ends included.</summary>
/// <param name="Assignment">The assignment as given.</param>
/// <param name="Member">Its member.</param>
/// <param name="Position">Its position.</param>
/// <param name="Operation">Id of the operation the position belongs to (not the one the assignment names).</param>
internal sealed record Tour(Assignment Assignment, Member Member, Position Position, string Operation)
{
    public int Start => Assignment.Start.DayNumber;

    public int End => Assignment.End.DayNumber;

    public int Days => End - Start + 1;
}
