using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Tests.Input;

/// <summary>
/// FsCheck generators of small, valid <see cref="DeploymentProblem"/>s (they pass <c>ProblemValidator</c>): up to 8 members of
/// every component, 1 or 2 operations of 1 to 3 positions, surge limits of every kind, an optional budget and lock, and now and
/// then exclusions of every kind.
/// </summary>
/// <remarks>Skills and languages come from small pools so that members often qualify for positions; other test folders reuse these.</remarks>
public static class Generators
{
    private static readonly string[] SkillPool = ["governance", "rule of law", "public health", "elections", "security sector"];
    private static readonly string[] LanguagePool = ["Arabic", "French", "Pashto", "Spanish"];
    private static readonly string[] CredentialPool = ["FACT", "medical"];
    private static readonly string[] AgencyPool = ["State", "USAID", "Justice", "Treasury"];
    private static readonly string[] NamePool = ["Ana María Ruiz", "Sean O'Brien", "李雷", "Zoë \"Z\" Quinn", "Amal Haddad"];
    private static readonly DateOnly Epoch = new(2025, 1, 1);

    /// <summary>A small valid problem.</summary>
    public static Gen<DeploymentProblem> Problem { get; } =
        from planningDate in Gen.Choose(0, 30).Select(d => Epoch.AddDays(d))
        from memberCount in Gen.Choose(1, 8)
        from members in Gen.CollectToArray(Enumerable.Range(1, memberCount), i => MemberGen(i, planningDate))
        from operationCount in Gen.Choose(1, 2)
        from operations in Gen.CollectToArray(Enumerable.Range(1, operationCount), i => OperationGen(i, planningDate))
        from policy in PolicyGen(members, operations)
        from locks in LocksGen(members, operations)
        from exclusions in ExclusionsGen(members, operations, locks)
        select new DeploymentProblem(planningDate, [.. members], [.. operations], policy, locks) { Exclusions = exclusions };

    /// <summary><see cref="Problem"/> as an arbitrary (no shrinking).</summary>
    public static Arbitrary<DeploymentProblem> Problems => Arb.From(Problem);

    private static Gen<Member> MemberGen(int index, DateOnly planningDate) =>
        from name in Gen.Elements(NamePool)
        from component in Gen.Elements(Enum.GetValues<Component>())
        from agency in Gen.Frequency((4, Gen.Elements(AgencyPool).Select(a => (string?)a)), (1, Gen.Constant((string?)null)))
        from skills in Levels(maxSkills: 3, maxLevel: 5)
        from languages in Pick(LanguagePool, 2)
        from clearance in Gen.Elements(Enum.GetValues<Clearance>())
        from unavailable in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(RangeGen(planningDate, maxOffset: 200, maxLength: 30), n))
        from leadTime in Optional(0, 40)
        from maxTour in Optional(10, 200)
        from dailyCost in Gen.Frequency((3, Gen.Constant((decimal?)null)), (1, Gen.Choose(400, 8000).Select(c => (decimal?)(c / 4m))))
        from deployed in Gen.Choose(0, 365)
        from credentials in Pick(CredentialPool, 2)
        from lastDays in Gen.ArrayOf(Gen.Choose(-30, 300).Select(d => planningDate.AddDays(d)), 2)
        select new Member($"M{index}", name, component, agency, skills, languages, clearance, [.. unavailable], leadTime, maxTour, dailyCost, deployed)
        {
            Credentials = credentials.Select((c, k) => (c, lastDays[k])).ToImmutableDictionary(e => e.c, e => e.Item2, StringComparer.OrdinalIgnoreCase),
        };

    private static Gen<Operation> OperationGen(int index, DateOnly planningDate) =>
        from count in Gen.Choose(1, 3)
        from positions in Gen.CollectToArray(Enumerable.Range(1, count), j => PositionGen($"P{index}-{j}", planningDate))
        select new Operation($"OP{index}", $"Operation {index}", [.. positions]);

    private static Gen<Position> PositionGen(string id, DateOnly planningDate) =>
        from requires in Levels(maxSkills: 2, maxLevel: 3)
        from languages in Pick(LanguagePool, 1)
        from clearance in Gen.Frequency((3, Gen.Constant(Clearance.None)), (1, Gen.Elements(Enum.GetValues<Clearance>())))
        from headcount in Gen.Choose(1, 2)
        from window in RangeGen(planningDate, maxOffset: 60, maxLength: 120)
        from rotation in Optional(10, 60)
        from priority in Gen.Elements(Enum.GetValues<Priority>())
        from allowed in Gen.Frequency((3, Gen.Constant(ImmutableArray<Component>.Empty)), (1, Pick(Enum.GetValues<Component>(), 3)))
        from credentials in Pick(CredentialPool, 1)
        select new Position(id, $"Advisor {id}", requires, languages, clearance, headcount, window, rotation, priority, allowed) { Credentials = credentials };

    private static Gen<Policy> PolicyGen(Member[] members, Operation[] operations) =>
        from components in Gen.CollectToArray(Enum.GetValues<Component>(), ComponentPolicyGen)
        from restDays in Gen.Frequency((1, Gen.Constant(Policy.DefaultRestDays)), (1, Gen.Choose(0, 30)))
        from defaultRotation in Optional(15, 60)
        from surgeCount in Gen.Choose(0, 3)
        from surge in Gen.ArrayOf(SurgeGen(members, operations), surgeCount)
        from budget in Gen.Frequency((3, Gen.Constant((decimal?)null)), (1, Gen.Choose(1_000, 500_000).Select(b => (decimal?)b)))
        select new Policy(
            Enum.GetValues<Component>().Zip(components).ToImmutableDictionary(p => p.First, p => p.Second),
            restDays, defaultRotation, [.. surge], budget);

    private static Gen<ComponentPolicy> ComponentPolicyGen(Component component) =>
        Gen.Frequency(
            (3, Gen.Constant(Policy.DefaultComponents[component])),
            (1, from lead in Gen.Choose(0, 60)
                from tour in Gen.Choose(30, 365)
                from cost in Gen.Choose(100, 1500)
                select new ComponentPolicy(lead, tour, cost)));

    // One of each kind of the format: an agency cap, a component share of its members, a share of an operation's people.
    private static Gen<SurgeLimit> SurgeGen(Member[] members, Operation[] operations)
    {
        var agencies = members.Select(m => m.Agency).OfType<string>().Distinct().ToArray();
        var share = Gen.Choose(0, 100).Select(s => (double?)(s / 100.0));
        var component = Gen.Elements(Enum.GetValues<Component>()).Select(c => (Component?)c);
        var perComponent = from c in component from s in share select new SurgeLimit(Component: c, MaxShare: s);
        var perOperation =
            from o in Gen.Elements(operations)
            from s in share
            select new SurgeLimit(Component: Component.Contractor, Operation: o.Id, MaxShare: s);
        if (agencies.Length == 0) return Gen.OneOf(perComponent, perOperation);
        var perAgency =
            from a in Gen.Elements(agencies)
            from n in Gen.Choose(0, 4)
            select new SurgeLimit(Agency: a, MaxConcurrent: n);
        return Gen.OneOf(perAgency, perComponent, perOperation);
    }

    private static Gen<ImmutableArray<AssignmentLock>> LocksGen(Member[] members, Operation[] operations)
    {
        var positions = operations.SelectMany(o => o.Positions).ToArray();
        var one =
            from member in Gen.Elements(members)
            from position in Gen.Elements(positions)
            from dated in Gen.Elements(false, true)
            from first in Gen.Choose(0, position.Window.Days - 1)
            from length in Gen.Choose(1, position.Window.Days - first)
            select dated
                ? new AssignmentLock(member.Id, position.Id, position.Window.Start.AddDays(first), position.Window.Start.AddDays(first + length - 1))
                : new AssignmentLock(member.Id, position.Id);
        return Gen.Frequency((2, Gen.Constant(ImmutableArray<AssignmentLock>.Empty)), (1, one.Select(l => ImmutableArray.Create(l))));
    }

    // Drawn last and only now and then, so that the other fields are drawn as before; one that would rule out the lock is left out.
    private static Gen<ImmutableArray<Exclusion>> ExclusionsGen(Member[] members, Operation[] operations, ImmutableArray<AssignmentLock> locks)
    {
        var places = operations.SelectMany(o => o.Positions.Select(p => (Position: p.Id, Operation: o.Id))).ToArray();
        var one =
            from member in Gen.Elements(members)
            from place in Gen.Elements(places)
            from kind in Gen.Choose(0, 3)
            select kind switch
            {
                0 => new Exclusion(member.Id),
                1 => new Exclusion(member.Id, Operation: place.Operation),
                2 => new Exclusion(member.Id, place.Position),
                _ => new Exclusion(member.Id, place.Position, place.Operation),
            };
        bool RulesOutALock(Exclusion e) =>
            locks.Any(l => e.Covers(l.Member, l.Position, places.First(p => p.Position == l.Position).Operation));
        var some = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(one, n)).Select(e => e.Where(x => !RulesOutALock(x)).ToImmutableArray());
        return Gen.Frequency((4, Gen.Constant(ImmutableArray<Exclusion>.Empty)), (1, some));
    }

    private static Gen<DateRange> RangeGen(DateOnly first, int maxOffset, int maxLength) =>
        from offset in Gen.Choose(0, maxOffset)
        from length in Gen.Choose(1, maxLength)
        select new DateRange(first.AddDays(offset), first.AddDays(offset + length - 1));

    private static Gen<ImmutableDictionary<string, int>> Levels(int maxSkills, int maxLevel) =>
        from names in Pick(SkillPool, maxSkills)
        from levels in Gen.ArrayOf(Gen.Choose(1, maxLevel), names.Length)
        select names.Zip(levels).ToImmutableDictionary(p => p.First, p => p.Second);

    private static Gen<ImmutableArray<T>> Pick<T>(T[] pool, int max) =>
        from count in Gen.Choose(0, max)
        from shuffled in Gen.Shuffle(pool)
        select shuffled.Take(count).ToImmutableArray();

    private static Gen<int?> Optional(int low, int high) =>
        Gen.Frequency((2, Gen.Constant((int?)null)), (1, Gen.Choose(low, high).Select(n => (int?)n)));
}
