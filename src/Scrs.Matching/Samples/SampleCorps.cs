using System.Collections.Immutable;
using System.Globalization;
using Scrs.Matching.Domain;
using static Scrs.Matching.Samples.CorpsFacts;

namespace Scrs.Matching.Samples;

/// <summary>
/// A seeded generator of realistic sample corps, modelled on public facts about the US Civilian Response Corps of the
/// State Department's Office of the Coordinator for Reconstruction and Stabilization (S/CRS).
/// </summary>
/// <remarks>
/// The generator uses its own SplitMix64 generator, never <see cref="Random"/>, so the same <see cref="SampleCorpsOptions"/>
/// give the same problem on every platform and runtime. Each component and each operation draws from its own stream: changing
/// the number of operations leaves the members unchanged, and changing the number of reserve members leaves the active and
/// standby members unchanged. <c>docs/sample-corps.md</c> describes every distribution and where its facts come from.
/// </remarks>
public static class SampleCorps
{
    private const ulong OperationStreamBase = 100, TeamStreamBase = 400, CredentialStreamBase = 1UL << 32;
    private const int DaysPerMonth = 30;

    // Operation k starts 3, 5, 7 or 9 weeks after the planning date (k mod 4): staggered, as concurrent crises are.
    private const int FirstOperationStartDay = 21, OperationStartStagger = 14, OperationStartSteps = 4;
    private const int LatestOperationStartDay = FirstOperationStartDay + OperationStartStagger * (OperationStartSteps - 1);

    /// <summary>Generates the sample corps described by <paramref name="options"/>.</summary>
    /// <param name="options">Sizes, seed and surge settings; <see cref="SampleCorpsOptions.Default"/> gives the demo's corps.</param>
    /// <returns>
    /// A problem with the requested members and operations, a policy with 30 rest days, 90-day default rotations and binding
    /// surge limits (per-agency standby shares, a reserve cap, a contractor share of each operation), and no locks.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range; the message lists every such option.</exception>
    public static DeploymentProblem Generate(SampleCorpsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);

        var members = ImmutableArray.CreateBuilder<Member>(
            options.ActiveMembers + options.StandbyMembers + options.ReserveMembers + options.Contractors);
        AddMembers(members, options, Component.Active, options.ActiveMembers, "act");
        AddMembers(members, options, Component.Standby, options.StandbyMembers, "sby");
        AddMembers(members, options, Component.Reserve, options.ReserveMembers, "res");
        AddMembers(members, options, Component.Contractor, options.Contractors, "con");

        var operations = Enumerable.Range(0, options.Operations).Select(k => NewOperation(options, k)).ToImmutableArray();
        var policy = new Policy(Policy.DefaultComponents, options.RestDays, options.DefaultRotationDays,
            SurgeLimits(options, operations), options.Budget);
        var problem = new DeploymentProblem(options.PlanningDate, members.MoveToImmutable(), operations, policy, []);
        // Teams and credentials come last, each from streams of their own: without them, the problem is what it always was.
        if (options.Teams) problem = problem with { Operations = [.. problem.Operations.Select((o, k) => WithTeams(options, o, k))] };
        if (options.Credentials) problem = WithCredentials(options, problem);
        return problem;
    }

    /// <summary>The benchmark instance families of the project (issue 3), as generator options.</summary>
    /// <remarks>
    /// Every family uses the default seed. <c>small</c>: 500 members in the corps' proportions (27 active, 220 standby,
    /// 220 reserve, 33 contractors), one operation of 30 positions. <c>corps</c>: the defaults (4,550 members, 3 operations of
    /// 100 positions). <c>surge</c>: the corps with 6 concurrent operations and surge limits twice as tight. <c>large</c>:
    /// 20,000 members in the corps' proportions, 10 operations of 200 positions. <c>corps-ready</c>: the corps with teams,
    /// credentials and courses.
    /// </remarks>
    public static class Families
    {
        /// <summary>500 members, 1 operation, 30 positions.</summary>
        public const string Small = "small";

        /// <summary>The demo's corps: the defaults of <see cref="SampleCorpsOptions"/>.</summary>
        public const string Corps = "corps";

        /// <summary>The corps with 6 concurrent operations and surge limits twice as tight, so that they bind.</summary>
        public const string Surge = "surge";

        /// <summary>20,000 members, 10 operations, 2,000 positions.</summary>
        public const string Large = "large";

        /// <summary>The demo's corps with teams, FACT and medical credentials that expire, and courses (<see cref="SampleCorpsOptions.Teams"/>, <see cref="SampleCorpsOptions.Credentials"/>).</summary>
        public const string CorpsReady = "corps-ready";

        /// <summary>The names of all families, smallest first (corps-ready is the corps with more rules).</summary>
        public static ImmutableArray<string> Names { get; } = [Small, Corps, CorpsReady, Surge, Large];

        /// <summary>The generator options of the family <paramref name="name"/> (case-insensitive).</summary>
        /// <param name="name">One of <see cref="Names"/>.</param>
        /// <returns>The options; pass them to <see cref="Generate"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
        /// <exception cref="ArgumentException"><paramref name="name"/> is not a family; the message lists the valid names.</exception>
        public static SampleCorpsOptions ForFamily(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            return name.ToLowerInvariant() switch
            {
                Small => WithMembers(500) with { Operations = 1, PositionsPerOperation = 30 },
                Corps => SampleCorpsOptions.Default,
                Surge => SampleCorpsOptions.Default with { Operations = 6, SurgeTightness = 2.0 },
                Large => WithMembers(20_000) with { Operations = 10, PositionsPerOperation = 200 },
                CorpsReady => SampleCorpsOptions.Default with { Teams = true, Credentials = true },
                _ => throw new ArgumentException(
                    $"Unknown sample-corps family '{name}'; valid names: {string.Join(", ", Names)}.", nameof(name)),
            };
        }

        /// <summary>The default options with <paramref name="total"/> members split like the default corps.</summary>
        private static SampleCorpsOptions WithMembers(int total)
        {
            var d = SampleCorpsOptions.Default;
            var split = Apportion(total, [d.ActiveMembers, d.StandbyMembers, d.ReserveMembers, d.Contractors]);
            return d with { ActiveMembers = split[0], StandbyMembers = split[1], ReserveMembers = split[2], Contractors = split[3] };
        }
    }

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> by largest remainder (ties: first wins).</summary>
    internal static int[] Apportion(int total, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var w in weights) sum += w;
        var counts = new int[weights.Length];
        var remainders = new double[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * weights[i] / sum;
            counts[i] = (int)Math.Floor(exact);
            remainders[i] = exact - counts[i];
            given += counts[i];
        }
        var order = Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; given < total; k++, given++) counts[order[k]]++;
        return counts;
    }

    /// <summary>Throws when an option is out of range, listing every such option; the command line calls it before writing anything.</summary>
    internal static void Check(SampleCorpsOptions o)
    {
        var errors = new List<string>();
        void Require(bool ok, string field, string rule)
        {
            if (!ok) errors.Add($"{nameof(SampleCorpsOptions)}.{field} {rule}");
        }

        Require(o.ActiveMembers >= 0, nameof(o.ActiveMembers), "must not be negative");
        Require(o.StandbyMembers >= 0, nameof(o.StandbyMembers), "must not be negative");
        Require(o.ReserveMembers >= 0, nameof(o.ReserveMembers), "must not be negative");
        Require(o.Contractors >= 0, nameof(o.Contractors), "must not be negative");
        Require(o.Operations >= 0, nameof(o.Operations), "must not be negative");
        Require(o.PositionsPerOperation >= 0, nameof(o.PositionsPerOperation), "must not be negative");
        Require(o.Months >= 1, nameof(o.Months), "must be at least 1");
        Require(o.StandbyAgencyShare is >= 0 and <= 1, nameof(o.StandbyAgencyShare), "must lie in 0..1");
        Require(o.ReserveConcurrentShare is >= 0 and <= 1, nameof(o.ReserveConcurrentShare), "must lie in 0..1");
        Require(o.ContractorOperationShare is >= 0 and <= 1, nameof(o.ContractorOperationShare), "must lie in 0..1");
        Require(double.IsFinite(o.SurgeTightness) && o.SurgeTightness > 0, nameof(o.SurgeTightness), "must be a positive number");
        Require(o.RestDays >= 0, nameof(o.RestDays), "must not be negative");
        Require(o.DefaultRotationDays >= 1, nameof(o.DefaultRotationDays), "must be at least 1");
        Require(o.Budget is null or >= 0, nameof(o.Budget), "must not be negative");
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), "options");
    }

    private static void AddMembers(ImmutableArray<Member>.Builder into, SampleCorpsOptions o, Component component, int count, string prefix)
    {
        var rng = SplitMix64.Stream(o.Seed, (ulong)component + 1);
        var homes = HomeAgencies(component, count);
        var horizon = LatestOperationStartDay + DaysPerMonth * o.Months;
        for (var i = 0; i < count; i++)
            into.Add(NewMember(rng, o.PlanningDate, horizon, component, homes[i], Id(prefix, i, count, 4)));
    }

    /// <summary>Home agency of each member of a component, in blocks: active and standby by the agency weights, the others none.</summary>
    private static Agency?[] HomeAgencies(Component component, int count)
    {
        if (component is not (Component.Active or Component.Standby)) return new Agency?[count];
        var weights = Agencies.Select(a => component == Component.Active ? a.ActiveWeight : a.StandbyWeight).ToArray();
        return Apportion(count, weights).SelectMany((n, a) => Enumerable.Repeat<Agency?>(Agencies[a], n)).ToArray();
    }

    private static Member NewMember(SplitMix64 rng, DateOnly planningDate, int horizon, Component component, Agency? agency, string id)
    {
        var name = $"{rng.Choose(FirstNames)} {rng.Choose(LastNames)}";

        var focus = agency?.FocusSkills ?? (component == Component.Reserve ? ReserveFocusSkills : ContractorFocusSkills);
        var levels = LevelWeights(component);
        var skills = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in DrawDistinct(rng, Focused(focus), 1 + rng.Weighted(SkillCountWeights)))
            skills[Skills[s]] = 1 + rng.Weighted(levels);

        var languageFactor = agency?.Name is "State" or "USAID" ? ForeignServiceLanguageFactor : 1.0;
        var languages = ImmutableArray.CreateBuilder<string>();
        languages.Add("English");
        foreach (var language in CorpsFacts.Languages)
            if (rng.Chance(language.Rate * languageFactor)) languages.Add(language.Name);

        var clearance = (Clearance)rng.Weighted(ClearanceWeights(component));

        var kinds = GapKinds.Where(k => k.Components.Contains(component)).ToArray();
        var gaps = new DateRange[rng.Weighted(GapCountWeights)];
        for (var g = 0; g < gaps.Length; g++)
        {
            var kind = rng.Choose(kinds);
            var start = planningDate.AddDays(rng.Between(0, horizon));
            gaps[g] = new DateRange(start, start.AddDays(rng.Between(kind.MinDays, kind.MaxDays) - 1));
        }
        Array.Sort(gaps, (a, b) => a.Start.CompareTo(b.Start));

        // u * sqrt(u) = u^1.5 skews toward short recent deployments; Math.Sqrt is exactly rounded on every platform, Math.Pow is not.
        var u = rng.NextDouble();
        var deployed = rng.Chance(NeverDeployedShare(component)) ? 0 : 1 + (int)(199 * u * Math.Sqrt(u));

        decimal? dailyCost = component == Component.Contractor
            ? ContractorRateMin + ContractorRateStep * rng.Between(0, ContractorRateSteps)
            : null;

        return new Member(id, name, component, agency?.Name, skills.ToImmutable(), languages.ToImmutable(), clearance,
            [.. gaps], DailyCost: dailyCost, DeployedDaysLast365: deployed);
    }

    private static Operation NewOperation(SampleCorpsOptions o, int k)
    {
        var theatre = Theatres[k % Theatres.Length];
        var round = k / Theatres.Length + 1;
        var id = round == 1 ? theatre.Slug : Invariant($"{theatre.Slug}-{round}");
        var name = round == 1 ? $"{theatre.Name} Stabilization Mission" : Invariant($"{theatre.Name} Stabilization Mission {round}");
        var rng = SplitMix64.Stream(o.Seed, OperationStreamBase + (ulong)k);
        var start = o.PlanningDate.AddDays(FirstOperationStartDay + OperationStartStagger * (k % OperationStartSteps));
        var window = new DateRange(start, start.AddDays(DaysPerMonth * o.Months - 1));
        // About 5% of positions lead the operation, at least one.
        var leaders = o.PositionsPerOperation == 0 ? 0 : Math.Max(1, (o.PositionsPerOperation + 10) / 20);
        var positions = Enumerable.Range(0, o.PositionsPerOperation)
            .Select(i =>
            {
                var positionId = Id(id, i, o.PositionsPerOperation, 3);
                return i < leaders
                    ? NewLeader(rng, theatre, window, positionId, i)
                    : NewPosition(rng, theatre, window, o.Months, positionId);
            })
            .ToImmutableArray();
        return new Operation(id, name, positions);
    }

    /// <summary>The operation with its teams (<see cref="SampleCorpsOptions.Teams"/>): new positions, the operation's window and rotation.</summary>
    private static Operation WithTeams(SampleCorpsOptions o, Operation operation, int k)
    {
        var theatre = Theatres[k % Theatres.Length];
        var rng = SplitMix64.Stream(o.Seed, TeamStreamBase + (ulong)k);
        var window = operation.Positions.IsEmpty ? new DateRange(o.PlanningDate.AddDays(FirstOperationStartDay), o.PlanningDate.AddDays(FirstOperationStartDay + DaysPerMonth * o.Months - 1))
            : new DateRange(operation.Positions.Min(p => p.Window.Start), operation.Positions.Max(p => p.Window.End));
        var positions = operation.Positions.ToBuilder();
        var teams = ImmutableArray.CreateBuilder<Team>();
        foreach (var kind in TeamKinds)
        {
            if (kind.Suffix == "rol" && !theatre.FocusSkills.Any(f => f is RuleOfLaw or SecuritySector)) continue;
            var id = $"{operation.Id}-{kind.Suffix}";
            // Most teams deploy for the whole operation; some join a rotation later.
            var days = rng.Chance(0.7) ? window : window with { Start = window.Start.AddDays(DaysPerMonth * 3) };
            if (days.Start > days.End) days = window;
            var clearance = kind.Priority == Priority.Critical ? Clearance.Secret : Clearance.None;
            var members = kind.Positions.Select(p => new Position($"{id}-{p.Suffix}", $"{kind.Name}: {p.Title}",
                ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create(Skills[p.Skill], p.Level)]),
                [], clearance, 1, days, null, kind.Priority, kind.MinAgencies is null ? [] : [Component.Active, Component.Standby])).ToList();
            positions.AddRange(members);
            teams.Add(new Team(id, $"{theatre.Name} {kind.Name}", [.. members.Select(p => p.Id)], kind.MinAgencies));
        }
        return operation with { Positions = positions.ToImmutable(), Teams = teams.ToImmutable() };
    }

    /// <summary>
    /// The problem with credentials (<see cref="SampleCorpsOptions.Credentials"/>): members hold FACT and medical clearance,
    /// each until a drawn day (some already expired); positions in high-threat theatres and on teams need FACT, leaders and
    /// teams medical clearance; the policy offers both courses.
    /// </summary>
    private static DeploymentProblem WithCredentials(SampleCorpsOptions o, DeploymentProblem problem)
    {
        var members = problem.Members.Select((m, i) =>
        {
            // A stream per member.
            var rng = SplitMix64.Stream(o.Seed, CredentialStreamBase + (ulong)i);
            var held = ImmutableDictionary.CreateBuilder<string, DateOnly>(StringComparer.OrdinalIgnoreCase);
            // FACT lasts five years: a last day from a year ago (expired) to four years on. Medical clearance: a year.
            if (rng.Chance(FactHeld[(int)m.Component])) held[Fact] = o.PlanningDate.AddDays(rng.Between(-365, 4 * 365));
            if (rng.Chance(MedicalHeld[(int)m.Component])) held[Medical] = o.PlanningDate.AddDays(rng.Between(-30, 330));
            return m with { Credentials = held.ToImmutable() };
        }).ToImmutableArray();
        var operations = problem.Operations.Select((operation, k) =>
        {
            var highThreat = Theatres[k % Theatres.Length].HighThreat;
            var inTeam = operation.Teams.SelectMany(t => t.Positions).ToHashSet(StringComparer.Ordinal);
            return operation with
            {
                Positions = [.. operation.Positions.Select(p =>
                {
                    var leader = p.Priority == Priority.Critical && p.Requires.ContainsKey(Skills[Management]) && p.Requires[Skills[Management]] >= 4;
                    ImmutableArray<string> needs = [.. (highThreat || inTeam.Contains(p.Id) ? [Fact] : Array.Empty<string>()),
                        .. (leader || inTeam.Contains(p.Id) ? [Medical] : Array.Empty<string>())];
                    return needs.IsEmpty ? p : p with { Credentials = needs };
                })],
            };
        }).ToImmutableArray();
        static ImmutableArray<CourseSession> Sessions(DateOnly planning, string prefix, int[] starts, int days, int seats) =>
            [.. starts.Select(d => planning.AddDays(d)).Select(start =>
                new CourseSession($"{prefix}-{start:yyyy-MM-dd}", new DateRange(start, start.AddDays(days - 1)), seats))];
        var courses = ImmutableArray.Create(
            new Course(Fact, FactValidDays, Sessions(o.PlanningDate, "fact", FactSessionStarts, FactSessionDays, FactSeats), FactSeatCost),
            new Course(Medical, MedicalValidDays, Sessions(o.PlanningDate, "medical", MedicalSessionStarts, MedicalSessionDays, MedicalSeats), MedicalSeatCost));
        return problem with { Members = members, Operations = operations, Policy = problem.Policy with { Courses = courses } };
    }

    /// <summary>
    /// An operation with the generator's skill mix, as a scenario's arrival draws it: <paramref name="positions"/>
    /// positions (one leader) over the <paramref name="days"/> days from <paramref name="start"/>, in a theatre and with
    /// requirements drawn from <paramref name="seed"/>.
    /// </summary>
    internal static Operation Arriving(ulong seed, string id, DateOnly start, int days, int positions)
    {
        var rng = new SplitMix64(seed);
        var theatre = Theatres[rng.Below(Theatres.Length)];
        var window = new DateRange(start, start.AddDays(days - 1));
        var months = Math.Max(1, days / DaysPerMonth);
        var built = Enumerable.Range(0, positions)
            .Select(i => i == 0 ? NewLeader(rng, theatre, window, Invariant($"{id}-{i + 1:000}"), 0)
                : NewPosition(rng, theatre, window, months, Invariant($"{id}-{i + 1:000}")))
            .Select(p => p.Window.End > window.End ? p with { Window = p.Window with { End = window.End } } : p)
            .ToImmutableArray();
        return new Operation(id, $"{theatre.Name} Relief Mission", built);
    }

    /// <summary>A leadership position: critical, the whole operation, management and a theatre skill, active or standby only.</summary>
    private static Position NewLeader(SplitMix64 rng, Theatre theatre, DateRange window, string id, int index)
    {
        var requires = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, new[]
        {
            KeyValuePair.Create(Skills[Management], 4),
            KeyValuePair.Create(Skills[rng.Choose(theatre.FocusSkills)], 3),
        });
        var title = index < LeadershipTitles.Length ? LeadershipTitles[index] : "Field Team Leader";
        return new Position(id, title, requires, TheatreLanguage(rng, theatre, Priority.Critical),
            (Clearance)rng.Weighted(CriticalClearanceWeights), 1, window, null, Priority.Critical,
            [Component.Active, Component.Standby]);
    }

    private static Position NewPosition(SplitMix64 rng, Theatre theatre, DateRange operation, int months, string id)
    {
        var priority = (Priority)rng.Weighted(PriorityWeights);
        var minLevels = priority == Priority.Critical ? CriticalMinLevelWeights : OtherMinLevelWeights;
        var skills = DrawDistinct(rng, Focused(theatre.FocusSkills), rng.Chance(0.4) ? 2 : 1);
        var requires = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase,
            skills.Select(s => KeyValuePair.Create(Skills[s], 2 + rng.Weighted(minLevels))));
        var senior = requires[Skills[skills[0]]] >= 4 ? "Senior " : "";
        var title = $"{senior}{SkillTitles[skills[0]]} {rng.Choose(Roles)}";

        var window = PositionWindow(rng, operation, months);
        var headcount = 1 + rng.Weighted(HeadcountWeights);
        int? rotation = window.Days >= 180 && rng.Chance(0.3) ? 180 : null;
        var clearance = (Clearance)rng.Weighted(priority == Priority.Critical ? CriticalClearanceWeights : OtherClearanceWeights);
        // Inherently governmental functions: no contractors.
        ImmutableArray<Component> allowed = rng.Chance(0.10) ? [Component.Active, Component.Standby, Component.Reserve] : [];
        return new Position(id, title, requires, TheatreLanguage(rng, theatre, priority), clearance, headcount, window,
            rotation, priority, allowed);
    }

    /// <summary>70% of positions span the operation, 20% start one to four months later, 10% end after three or more months.</summary>
    private static DateRange PositionWindow(SplitMix64 rng, DateRange operation, int months)
    {
        var kind = rng.Weighted([70, 20, 10]);
        if (months < 2 || kind == 0) return operation;
        if (kind == 1)
            return operation with { Start = operation.Start.AddDays(DaysPerMonth * rng.Between(1, Math.Min(4, months - 1))) };
        return operation with { End = operation.Start.AddDays(DaysPerMonth * rng.Between(Math.Min(3, months - 1), months - 1) - 1) };
    }

    private static ImmutableArray<string> TheatreLanguage(SplitMix64 rng, Theatre theatre, Priority priority)
    {
        if (!rng.Chance(LanguageChance[(int)priority])) return [];
        var second = theatre.Languages.Length > 1 && !rng.Chance(0.75);
        return [theatre.Languages[second ? 1 : 0]];
    }

    private static ImmutableArray<SurgeLimit> SurgeLimits(SampleCorpsOptions o, ImmutableArray<Operation> operations)
    {
        var limits = ImmutableArray.CreateBuilder<SurgeLimit>();
        var standbyShare = Math.Min(1.0, o.StandbyAgencyShare / o.SurgeTightness);
        var standby = HomeAgencies(Component.Standby, o.StandbyMembers);
        foreach (var agency in Agencies.Where(a => standby.Contains(a)))
            limits.Add(new SurgeLimit(Agency: agency.Name, Component: Component.Standby, MaxShare: standbyShare));
        if (o.ReserveMembers > 0)
        {
            var cap = (int)Math.Floor(Math.Min(1.0, o.ReserveConcurrentShare / o.SurgeTightness) * o.ReserveMembers);
            limits.Add(new SurgeLimit(Component: Component.Reserve, MaxConcurrent: cap));
        }
        if (o.Contractors > 0)
            foreach (var operation in operations)
                limits.Add(new SurgeLimit(Component: Component.Contractor, Operation: operation.Id, MaxShare: o.ContractorOperationShare));
        return limits.ToImmutable();
    }

    /// <summary>Skill weights with the <paramref name="focus"/> skills multiplied by <see cref="FocusMultiplier"/>.</summary>
    private static double[] Focused(int[] focus)
    {
        var weights = (double[])SkillBaseWeights.Clone();
        foreach (var s in focus) weights[s] *= FocusMultiplier;
        return weights;
    }

    /// <summary>Draws <paramref name="count"/> distinct indices with probability proportional to <paramref name="weights"/> (which it consumes).</summary>
    private static int[] DrawDistinct(SplitMix64 rng, double[] weights, int count)
    {
        var drawn = new int[count];
        for (var k = 0; k < count; k++)
        {
            drawn[k] = rng.Weighted(weights);
            weights[drawn[k]] = 0;
        }
        return drawn;
    }

    /// <summary>An id such as <c>sby-0042</c>: the 1-based index padded to the digits of <paramref name="count"/>, at least <paramref name="minDigits"/>.</summary>
    private static string Id(string prefix, int index, int count, int minDigits)
    {
        var digits = Math.Max(minDigits, count.ToString(CultureInfo.InvariantCulture).Length);
        return prefix + "-" + (index + 1).ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
