using System.Collections.Immutable;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Tests.Oracles;

/// <summary>
/// Random tiny problems, small enough for <see cref="ExhaustiveSearch"/>, that still exercise every rule: the planner's tests
/// compare its optimum with the oracle's on them.
/// </summary>
/// <remarks>
/// Every problem is valid input (unique ids, ranges in order, positive headcounts and rotations, shares within 0..1, locks naming
/// known ids): 2-4 members of mixed components and agencies, 1-2 operations, 1-3 positions of 1-4 rotation slots each,
/// short lead times and maximum tours so that they bind, occasional unavailability, 0 or a few rest days, and occasionally a
/// surge limit of each kind, a budget and a lock (which may make the problem infeasible), and now and then an exclusion.
/// </remarks>
internal static class TinyProblems
{
    private static readonly string[] Skills = ["law", "health", "logistics"];
    private static readonly string[] Languages = ["French", "Arabic"];
    private static readonly string?[] Agencies = ["State", "USAID", null];
    private static readonly double[] Shares = [0.25, 0.34, 0.5, 0.67, 1.0];
    private static readonly DateOnly PlanningDate = new(2025, 3, 1);

    /// <summary>The problem of <paramref name="seed"/>; the same seed always gives the same problem.</summary>
    public static DeploymentProblem Generate(int seed) => Generate(new Random(seed));

    private static readonly string[] Credentials = ["FACT", "medical"];

    /// <summary>
    /// The problem of <paramref name="seed"/> with credentials: some positions need FACT or medical (or both), and most
    /// members hold some, each until a day among the positions' windows, so that expiries cut tours short. Drawn from a
    /// stream of their own, so that <see cref="Generate(int)"/> stays as it was.
    /// </summary>
    public static DeploymentProblem GenerateWithCredentials(int seed)
    {
        var problem = Generate(seed);
        var random = new Random(seed * 7919 + 17);
        var operations = problem.Operations.Select(o => o with
        {
            Positions = [.. o.Positions.Select(p => random.NextDouble() < 0.5
                ? p with { Credentials = [.. Credentials.Where(_ => random.NextDouble() < 0.6).Select(c => RandomCase(random, c)).DefaultIfEmpty(Credentials[0])] }
                : p)],
        }).ToImmutableArray();
        var members = problem.Members.Select(m => m with
        {
            Credentials = Credentials.Where(_ => random.NextDouble() < 0.7)
                .ToImmutableDictionary(c => c, _ => PlanningDate.AddDays(random.Next(2, 45)), StringComparer.OrdinalIgnoreCase),
        }).ToImmutableArray();
        return problem with { Operations = operations, Members = members };
    }

    /// <summary>
    /// <see cref="GenerateWithCredentials"/>'s problem with courses for both credentials: one or two sessions each, of 1-3
    /// days early in the horizon, 1-2 seats, valid 8-40 days, free or not. Drawn from a stream of their own.
    /// </summary>
    public static DeploymentProblem GenerateWithCourses(int seed)
    {
        var problem = GenerateWithCredentials(seed);
        var random = new Random(seed * 7919 + 41);
        var serial = 0;
        var courses = Credentials.Select(c => new Course(c, random.Next(8, 41),
            [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
            {
                var start = PlanningDate.AddDays(random.Next(0, 12));
                return new CourseSession($"s{serial++}", new DateRange(start, start.AddDays(random.Next(0, 3))), random.Next(1, 3));
            })],
            random.Next(3) == 0 ? 0 : 100m * random.Next(1, 6))).ToImmutableArray();
        return problem with { Policy = problem.Policy with { Courses = courses } };
    }

    /// <summary>
    /// The problem of <paramref name="seed"/> with a team: in an operation with two or more positions, two or three of
    /// them get the first one's window and rotation and deploy together, now and then from two agencies at least (dated locks that no longer fit their
    /// position's window are dropped). Drawn from a stream of its own, so that <see cref="Generate(int)"/> stays as it
    /// was; the same problem when no operation has two positions.
    /// </summary>
    public static DeploymentProblem GenerateWithTeam(int seed)
    {
        var problem = Generate(seed);
        var random = new Random(seed * 7919 + 29);
        var k = problem.Operations.ToList().FindIndex(o => o.Positions.Length >= 2);
        if (k < 0) return problem;
        var operation = problem.Operations[k];
        var size = Math.Min(operation.Positions.Length, random.Next(2, 4));
        var lead = operation.Positions[0];
        var rotation = problem.RotationDays(lead);
        // Now and then members of two agencies at least (a member without one counts towards none), on positions anyone
        // may serve, so that the team is staffed often enough for the agencies to matter.
        int? least = random.NextDouble() < 0.5 ? 2 : null;
        var positions = operation.Positions.Select((p, i) => i >= size ? p
            : (i == 0 ? p : p with { Window = lead.Window, RotationDays = rotation }) is var q && least is null ? q
            : q with { Requires = ImmutableDictionary<string, int>.Empty, Languages = [], Clearance = Clearance.None, AllowedComponents = [] }).ToImmutableArray();
        var team = new Team($"team-{operation.Id}", "Team", [.. positions.Take(size).Select(p => p.Id)], least);
        var windows = positions.ToDictionary(p => p.Id, p => p.Window);
        return problem with
        {
            Operations = problem.Operations.SetItem(k, operation with { Positions = positions, Teams = [team] }),
            Locks = problem.Locks.RemoveAll(l => l is { Start: { } start, End: { } end } && windows.TryGetValue(l.Position, out var w) && !w.Covers(new DateRange(start, end))),
        };
    }

    /// <summary>A problem drawn from <paramref name="random"/>.</summary>
    public static DeploymentProblem Generate(Random random)
    {
        var policy = RandomPolicy(random);
        var positions = Enumerable.Range(1, random.Next(1, 4)).Select(i => RandomPosition(random, $"p{i}", policy)).ToList();
        var operationCount = Math.Min(random.Next(1, 3), positions.Count);
        // Every operation gets at least one position: the first positions go one to each, the others at random.
        var owner = positions.Select((_, i) => i < operationCount ? i : random.Next(operationCount)).ToList();
        var operations = Enumerable.Range(0, operationCount)
            .Select(o => new Operation($"op{o + 1}", $"Operation {o + 1}", [.. positions.Where((_, i) => owner[i] == o)]))
            .ToImmutableArray();
        var members = Enumerable.Range(1, random.Next(2, 5)).Select(i => RandomMember(random, $"m{i}", positions)).ToImmutableArray();

        if (random.NextDouble() < 0.4)
            policy = policy with { Surge = [RandomSurge(random, operations, members)] };
        if (random.NextDouble() < 0.2)
            policy = policy with { Budget = 300m * random.Next(0, 60) };
        var locks = random.NextDouble() < 0.2 ? [RandomLock(random, members, operations, policy)] : ImmutableArray<AssignmentLock>.Empty;
        // Drawn last, so that a seed's other fields are what they were before exclusions; one that would rule out the lock is dropped.
        var exclusions = random.NextDouble() < 0.2 ? [RandomExclusion(random, members, operations)] : ImmutableArray<Exclusion>.Empty;
        exclusions = exclusions.RemoveAll(e => locks.Any(l => e.Covers(l.Member, l.Position, operations.First(o => o.Positions.Any(p => p.Id == l.Position)).Id)));
        return new DeploymentProblem(PlanningDate, members, operations, policy, locks) { Exclusions = exclusions };
    }

    private static Policy RandomPolicy(Random random)
    {
        var components = Policy.DefaultComponents.ToImmutableDictionary(
            c => c.Key,
            c => c.Value with { LeadTimeDays = random.Next(0, 13), MaxTourDays = random.Next(6, 41) });
        return Policy.Default with
        {
            Components = components,
            RestDays = random.NextDouble() < 0.5 ? 0 : random.Next(1, 7),
            DefaultRotationDays = random.NextDouble() < 0.3 ? random.Next(3, 9) : null,
        };
    }

    private static Position RandomPosition(Random random, string id, Policy policy)
    {
        int? rotation = random.NextDouble() < 0.25 ? null : random.Next(3, 9);
        var slotDays = rotation ?? policy.DefaultRotationDays;
        var start = PlanningDate.AddDays(random.Next(3, 16));
        // With a rotation, 1-4 slots, the last one possibly shorter; without, one slot of 3-12 days.
        var days = slotDays is { } r ? (random.Next(1, 5) - 1) * r + random.Next(1, r + 1) : random.Next(3, 13);
        var requires = random.NextDouble() < 0.4
            ? ImmutableDictionary<string, int>.Empty.Add(RandomCase(random, Pick(random, Skills)), random.Next(1, 4))
            : ImmutableDictionary<string, int>.Empty;
        var allowed = random.NextDouble() < 0.2
            ? Enum.GetValues<Component>().Where(_ => random.NextDouble() < 0.5).ToImmutableArray()
            : [];
        return new Position(
            id,
            $"Position {id}",
            requires,
            random.NextDouble() < 0.25 ? [Pick(random, Languages)] : [],
            random.NextDouble() < 0.6 ? Clearance.None : (Clearance)random.Next(1, 4),
            random.NextDouble() < 0.7 ? 1 : 2,
            new DateRange(start, start.AddDays(days - 1)),
            rotation,
            (Priority)random.Next(0, 4),
            allowed);
    }

    private static Member RandomMember(Random random, string id, IReadOnlyList<Position> positions)
    {
        var skills = Skills.Where(_ => random.NextDouble() < 0.6).ToImmutableDictionary(s => RandomCase(random, s), _ => random.Next(1, 5));
        var window = positions[random.Next(positions.Count)].Window;
        var away = window.Start.AddDays(random.Next(0, window.Days));
        var unavailable = random.NextDouble() < 0.25 ? [new DateRange(away, away.AddDays(random.Next(0, 4)))] : ImmutableArray<DateRange>.Empty;
        return new Member(
            id,
            $"Member {id}",
            (Component)random.Next(0, 4),
            Pick(random, Agencies),
            skills,
            [.. Languages.Where(_ => random.NextDouble() < 0.5).Select(l => RandomCase(random, l))],
            (Clearance)random.Next(0, 4),
            unavailable,
            LeadTimeDays: random.NextDouble() < 0.2 ? random.Next(0, 11) : null,
            MaxTourDays: random.NextDouble() < 0.2 ? random.Next(4, 31) : null,
            DailyCost: random.NextDouble() < 0.15 ? 50m * random.Next(2, 31) : null,
            DeployedDaysLast365: random.Next(0, 201));
    }

    private static SurgeLimit RandomSurge(Random random, ImmutableArray<Operation> operations, ImmutableArray<Member> members)
    {
        // A limit may only name an agency some member has (the input validator rejects others as likely typos).
        var agencies = members.Select(m => m.Agency).OfType<string>().Distinct().ToArray();
        string? agency = agencies.Length > 0 && random.NextDouble() < 0.5 ? Pick(random, agencies) : null;
        Component? component = agency is null || random.NextDouble() < 0.3 ? (Component)random.Next(0, 4) : null;
        return random.Next(3) switch
        {
            0 => new SurgeLimit(agency, component, random.NextDouble() < 0.3 ? operations[random.Next(operations.Length)].Id : null, MaxConcurrent: random.Next(0, 3)),
            1 => new SurgeLimit(agency, component, MaxShare: Pick(random, Shares)),
            _ => new SurgeLimit(agency, component, operations[random.Next(operations.Length)].Id, MaxShare: Pick(random, Shares)),
        };
    }

    private static AssignmentLock RandomLock(Random random, ImmutableArray<Member> members, ImmutableArray<Operation> operations, Policy policy)
    {
        var member = members[random.Next(members.Length)];
        var positions = operations.SelectMany(o => o.Positions).ToList();
        var position = positions[random.Next(positions.Count)];
        if (random.NextDouble() < 0.5)
            return new AssignmentLock(member.Id, position.Id);
        // Dates of one rotation slot of the position.
        var window = position.Window;
        var rotation = position.RotationDays ?? policy.DefaultRotationDays ?? window.Days;
        var start = window.Start.AddDays(rotation * random.Next(0, (window.Days + rotation - 1) / rotation));
        var end = start.AddDays(rotation - 1);
        return new AssignmentLock(member.Id, position.Id, start, end < window.End ? end : window.End);
    }

    private static Exclusion RandomExclusion(Random random, ImmutableArray<Member> members, ImmutableArray<Operation> operations)
    {
        var member = members[random.Next(members.Length)].Id;
        var operation = operations[random.Next(operations.Length)];
        var position = operation.Positions[random.Next(operation.Positions.Length)].Id;
        return random.Next(4) switch
        {
            0 => new Exclusion(member),
            1 => new Exclusion(member, Operation: operation.Id),
            2 => new Exclusion(member, position),
            _ => new Exclusion(member, position, operation.Id),
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>The name in lower, upper or title case: names are compared case-insensitively.</summary>
    private static string RandomCase(Random random, string name) => random.Next(3) switch
    {
        0 => name.ToLowerInvariant(),
        1 => name.ToUpperInvariant(),
        _ => char.ToUpperInvariant(name[0]) + name[1..],
    };
}
