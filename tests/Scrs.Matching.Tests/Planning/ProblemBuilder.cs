using System.Collections.Immutable;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Tests.Planning;

/// <summary>Terse construction of small problems for the tests of the pipeline stages.</summary>
internal static class ProblemBuilder
{
    public static readonly DateOnly Day0 = new(2027, 1, 1);

    public static DateOnly D(int offset) => Day0.AddDays(offset);

    public static Member Member(string id, Component component = Component.Active, string? agency = "State",
        string skill = "governance", int level = 3, string[]? languages = null, Clearance clearance = Clearance.Secret,
        DateRange[]? unavailable = null, int? maxTour = null, int? leadTime = 0, decimal? cost = null, int deployed = 0) =>
        new(id, id, component, agency, ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create(skill, level)]),
            [.. languages ?? ["English"]], clearance, [.. unavailable ?? []], leadTime, maxTour, cost, deployed);

    public static Position Position(string id, int start, int end, int? rotation = null, int headcount = 1,
        Priority priority = Priority.Normal, string skill = "governance", int level = 2, string[]? languages = null,
        Clearance clearance = Clearance.None, Component[]? allowed = null) =>
        new(id, id, ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create(skill, level)]),
            [.. languages ?? []], clearance, headcount, new DateRange(D(start), D(end)), rotation, priority, [.. allowed ?? []]);

    public static DeploymentProblem Problem(Member[] members, Position[] positions, int restDays = 30,
        SurgeLimit[]? surge = null, decimal? budget = null, AssignmentLock[]? locks = null, int operations = 1)
    {
        var ops = Enumerable.Range(0, operations)
            .Select(o => new Operation($"op{o}", $"Operation {o}", [.. positions.Where((_, i) => i % operations == o)]));
        return new DeploymentProblem(Day0, [.. members], [.. ops],
            Policy.Default with { RestDays = restDays, Surge = [.. surge ?? []], Budget = budget }, [.. locks ?? []]);
    }
}
