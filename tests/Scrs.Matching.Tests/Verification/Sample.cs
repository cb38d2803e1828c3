using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Tests.Verification;

/// <summary>
/// A small hand-made problem with a roster that keeps every rule; each validator test changes one thing.
/// </summary>
/// <remarks>
/// Slots (2025): p1 (critical, headcount 1, 10-day rotation) Feb 1-10, 11-20, 21-28; p2 (normal, headcount 2, policy default
/// rotation 7) Feb 1-7, 8-14, 15-21, 22-28; q1 (high, op2) one 14-day slot Feb 21-Mar 6; r1 (low, op2) one slot Feb 8-10.
/// The roster: a1 on p1 Feb 1-10; a2 on p2 Feb 1-7 and Feb 15-21; c1 on p2 Feb 1-14 and q1 Feb 21-Mar 6; a3 is idle.
/// </remarks>
internal static class Sample
{
    public static DateOnly D(int month, int day) => new(2025, month, day);

    public static Member Person(string id, Component component, string? agency, Clearance clearance, string languages, params (string Skill, int Level)[] skills) =>
        new(id, id.ToUpperInvariant(), component, agency, skills.ToImmutableDictionary(s => s.Skill, s => s.Level),
            [.. languages.Split(',', StringSplitOptions.RemoveEmptyEntries)], clearance, []);

    public static Position Seat(string id, Priority priority, int headcount, DateOnly start, DateOnly end, int? rotation, string languages = "", Clearance clearance = Clearance.None, params (string Skill, int Level)[] requires) =>
        new(id, id.ToUpperInvariant(), requires.ToImmutableDictionary(s => s.Skill, s => s.Level),
            [.. languages.Split(',', StringSplitOptions.RemoveEmptyEntries)], clearance, headcount, new DateRange(start, end), rotation, priority, []);

    public static DeploymentProblem Problem { get; } = new(
        D(1, 1),
        [
            Person("a1", Component.Active, "State", Clearance.Secret, "French", ("Law", 3)) with { DeployedDaysLast365 = 10 },
            Person("a2", Component.Active, "USAID", Clearance.Secret, "french,Arabic", ("law", 4), ("health", 2)),
            Person("c1", Component.Contractor, null, Clearance.TopSecret, "French", ("LAW", 3)) with { DeployedDaysLast365 = 100 },
            Person("a3", Component.Active, "State", Clearance.Secret, "French", ("Law", 5)),
        ],
        [
            new("op1", "Operation one",
            [
                Seat("p1", Priority.Critical, 1, D(2, 1), D(2, 28), 10, "FRENCH", Clearance.Confidential, ("LAW", 3)),
                Seat("p2", Priority.Normal, 2, D(2, 1), D(2, 28), null),
            ]),
            new("op2", "Operation two",
            [
                Seat("q1", Priority.High, 1, D(2, 21), D(3, 6), 14),
                Seat("r1", Priority.Low, 1, D(2, 8), D(2, 10), 3),
            ]),
        ],
        Policy.Default with { RestDays = 5, DefaultRotationDays = 7 },
        []);

    public static Assignment Tour(string member, string position, DateOnly start, DateOnly end) =>
        new(member, position.StartsWith('p') ? "op1" : "op2", position, start, end);

    public static ImmutableArray<Assignment> Tours { get; } =
    [
        Tour("a1", "p1", D(2, 1), D(2, 10)),
        Tour("a2", "p2", D(2, 1), D(2, 7)),
        Tour("a2", "p2", D(2, 15), D(2, 21)),
        Tour("c1", "p2", D(2, 1), D(2, 14)),
        Tour("c1", "q1", D(2, 21), D(3, 6)),
    ];

    /// <summary>The problem with member <paramref name="id"/> replaced.</summary>
    public static DeploymentProblem WithMember(string id, Func<Member, Member> change, DeploymentProblem? problem = null) =>
        (problem ?? Problem) with { Members = [.. (problem ?? Problem).Members.Select(m => m.Id == id ? change(m) : m)] };

    /// <summary>The problem with position <paramref name="id"/> replaced.</summary>
    public static DeploymentProblem WithPosition(string id, Func<Position, Position> change) =>
        Problem with
        {
            Operations = [.. Problem.Operations.Select(o => o with { Positions = [.. o.Positions.Select(p => p.Id == id ? change(p) : p)] })],
        };

    public static DeploymentProblem WithPolicy(Func<Policy, Policy> change) => Problem with { Policy = change(Problem.Policy) };

    /// <summary>The roster with tour <paramref name="index"/> replaced.</summary>
    public static ImmutableArray<Assignment> Replace(int index, Assignment tour) => Tours.SetItem(index, tour);
}
