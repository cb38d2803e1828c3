using System.Collections.Immutable;
using System.Globalization;
using Scrs.Matching.Baseline;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.WhatIf;

/// <summary>One what-if: a sample family's problem with one seeded variation applied.</summary>
/// <param name="Name">Family, variation and seed, e.g. <c>corps/declines/7</c>.</param>
/// <param name="Family">The sample family varied (small, corps or surge).</param>
/// <param name="Variation">What was changed.</param>
/// <param name="Detail">The drawn sizes of the change, for the table.</param>
/// <param name="Problem">The varied problem.</param>
internal sealed record WhatIfInstance(string Name, string Family, string Variation, string Detail, DeploymentProblem Problem);

/// <summary>
/// The what-if family of issue 21: the questions a planner asks of a solved corps, drawn from seeds so that the speed
/// measured on it is not the speed of the few cases the solver was built on.
/// </summary>
/// <remarks>
/// <para>Each instance is one of the families small, corps and surge (the sample generator's default seed: the base a
/// planner has solved) with one variation, all of whose sizes are drawn from the instance's own seed:</para>
/// <list type="bullet">
/// <item><c>declines</c>: each component's members are not released with a probability drawn from 5-50 % per component,
/// unavailable for the whole horizon.</item>
/// <item><c>departures</c>: 5-30 % of the members leave the corps on a day drawn over the horizon.</item>
/// <item><c>absences</c>: 10-40 % of the members are away for 7-60 days somewhere in the horizon.</item>
/// <item><c>arrival</c>: an operation of 10-40 positions arrives 30-200 days after the planning date.</item>
/// <item><c>locks</c>: 10-40 tours of a feasible (greedy) roster of the base are locked with their dates.</item>
/// <item><c>budget</c>: a budget of 40-90 % of what the greedy roster of the base costs.</item>
/// <item><c>mixed</c>: declines of 5-50 % (as above) and a budget of 50-90 % together.</item>
/// </list>
/// <para>The first seeds cycle through the families and variations, so any 30 consecutive instances hold every pair
/// of a family and a variation at least once (7 variations x 3 families = 21 pairs).</para>
/// </remarks>
internal static class WhatIfFamily
{
    public static readonly ImmutableArray<string> Families = [SampleCorps.Families.Small, SampleCorps.Families.Corps, SampleCorps.Families.Surge];

    public static readonly ImmutableArray<string> Variations = ["declines", "departures", "absences", "arrival", "locks", "budget", "mixed"];

    /// <summary>The base problem of a family: what the planner has solved before asking.</summary>
    public static DeploymentProblem Base(string family) => SampleCorps.Generate(SampleCorps.Families.ForFamily(family));

    /// <summary>The family instance <paramref name="seed"/> varies.</summary>
    public static string FamilyOf(int seed) => Families[seed % Families.Length];

    /// <summary>
    /// The base of <paramref name="family"/>, or with <paramref name="corpsBase"/> (a family such as corps-ready) that
    /// family's problem in place of the corps: the same variations then apply to it, seed by seed.
    /// </summary>
    public static DeploymentProblem Base(string family, string? corpsBase) =>
        Base(corpsBase is not null && family == SampleCorps.Families.Corps ? corpsBase : family);

    /// <summary>Instance <paramref name="seed"/>: family and variation by the seed, sizes drawn from it.</summary>
    public static WhatIfInstance Instance(int seed, Func<string, DeploymentProblem>? bases = null)
    {
        var family = FamilyOf(seed);
        var variation = Variations[seed / Families.Length % Variations.Length];
        var problem = (bases ?? Base)(family);
        var rng = new SplitMix64(0x5EED_0000UL + (ulong)seed);
        var (varied, detail) = variation switch
        {
            "declines" => Declines(problem, rng),
            "departures" => Departures(problem, rng),
            "absences" => Absences(problem, rng),
            "arrival" => Arrival(problem, rng),
            "locks" => Locks(problem, rng),
            "budget" => Budget(problem, rng, 0.4, 0.9),
            _ => Mixed(problem, rng),
        };
        return new WhatIfInstance($"{family}/{variation}/{seed}", family, variation, detail, varied);
    }

    private static double Uniform(SplitMix64 rng, double low, double high) => low + (high - low) * rng.NextDouble();

    private static DateOnly HorizonEnd(DeploymentProblem problem) =>
        problem.Operations.SelectMany(o => o.Positions).Select(p => p.Window.End).DefaultIfEmpty(problem.PlanningDate).Max();

    private static DeploymentProblem WithUnavailable(DeploymentProblem problem, Func<Member, DateRange?> away) => problem with
    {
        Members = [.. problem.Members.Select(m => away(m) is { } range ? m with { Unavailable = Merge(m.Unavailable, range) } : m)],
    };

    private static ImmutableArray<DateRange> Merge(ImmutableArray<DateRange> ranges, DateRange added) =>
        Scrs.Matching.Domain.DateRanges.Merged([.. ranges, added]);

    private static (DeploymentProblem, string) Declines(DeploymentProblem problem, SplitMix64 rng)
    {
        var rates = Enum.GetValues<Component>().ToDictionary(c => c, _ => Uniform(rng, 0.05, 0.5));
        var whole = new DateRange(problem.PlanningDate, HorizonEnd(problem));
        var declined = 0;
        var varied = WithUnavailable(problem, m =>
        {
            if (rng.NextDouble() >= rates[m.Component]) return null;
            declined++;
            return whole;
        });
        var text = string.Join(" ", rates.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key.ToString().ToLowerInvariant()[..3]} {r.Value:P0}")));
        return (varied, $"{declined} of {problem.Members.Length} declined ({text})");
    }

    private static (DeploymentProblem, string) Departures(DeploymentProblem problem, SplitMix64 rng)
    {
        var share = Uniform(rng, 0.05, 0.3);
        var end = HorizonEnd(problem);
        var days = end.DayNumber - problem.PlanningDate.DayNumber;
        var left = 0;
        var varied = WithUnavailable(problem, m =>
        {
            if (rng.NextDouble() >= share) return null;
            left++;
            return new DateRange(problem.PlanningDate.AddDays(rng.Below(days + 1)), end);
        });
        return (varied, string.Create(CultureInfo.InvariantCulture, $"{left} leave ({share:P0})"));
    }

    private static (DeploymentProblem, string) Absences(DeploymentProblem problem, SplitMix64 rng)
    {
        var share = Uniform(rng, 0.1, 0.4);
        var days = HorizonEnd(problem).DayNumber - problem.PlanningDate.DayNumber;
        var away = 0;
        var varied = WithUnavailable(problem, m =>
        {
            if (rng.NextDouble() >= share) return null;
            away++;
            var from = problem.PlanningDate.AddDays(rng.Below(days + 1));
            return new DateRange(from, from.AddDays(7 + rng.Below(54) - 1));
        });
        return (varied, string.Create(CultureInfo.InvariantCulture, $"{away} away 7-60 days ({share:P0})"));
    }

    private static (DeploymentProblem, string) Arrival(DeploymentProblem problem, SplitMix64 rng)
    {
        var day = problem.PlanningDate.AddDays(30 + rng.Below(171));
        var positions = 10 + rng.Below(31);
        var length = Math.Max(90, HorizonEnd(problem).DayNumber - day.DayNumber + 1);
        var arriving = SampleCorps.Arriving(rng.NextUInt64(), "arrival", day, length, positions);
        return (problem with { Operations = problem.Operations.Add(arriving) },
            $"{positions} positions from {day:yyyy-MM-dd}");
    }

    private static (DeploymentProblem, string) Locks(DeploymentProblem problem, SplitMix64 rng)
    {
        var candidates = CandidateGenerator.Generate(new PlanningIndex(problem));
        var roster = GreedyRoster.Solve(candidates) ?? [];
        var count = Math.Min(roster.Length, 10 + rng.Below(31));
        // A partial Fisher-Yates shuffle picks the tours; a subset of a feasible roster keeps every packing rule.
        var picked = roster.ToArray();
        for (var k = 0; k < count; k++)
        {
            var r = k + rng.Below(picked.Length - k);
            (picked[k], picked[r]) = (picked[r], picked[k]);
        }
        var index = candidates.Index;
        var locks = picked.Take(count).Select(j => candidates.Tours[j]).Select(t => new AssignmentLock(index.Members[t.Member].Id,
            index.Positions[t.Position].Id, PlanningIndex.Day(t.Start), PlanningIndex.Day(t.End)));
        return (problem with { Locks = problem.Locks.AddRange(locks) }, $"{count} tours locked");
    }

    private static (DeploymentProblem, string) Budget(DeploymentProblem problem, SplitMix64 rng, double low, double high)
    {
        var candidates = CandidateGenerator.Generate(new PlanningIndex(problem));
        var roster = GreedyRoster.Solve(candidates) ?? [];
        var cost = roster.Sum(j => candidates.Tours[j].Days * candidates.Index.DailyCost[candidates.Tours[j].Member]);
        var share = Uniform(rng, low, high);
        var budget = Math.Round(cost * (decimal)share, 0);
        return (problem with { Policy = problem.Policy with { Budget = budget } },
            string.Create(CultureInfo.InvariantCulture, $"budget {budget:#,0} ({share:P0} of the greedy roster's {cost:#,0})"));
    }

    private static (DeploymentProblem, string) Mixed(DeploymentProblem problem, SplitMix64 rng)
    {
        var (declined, first) = Declines(problem, rng);
        var (budgeted, second) = Budget(declined, rng, 0.5, 0.9);
        return (budgeted, $"{first}; {second}");
    }
}
