using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Simulation;

/// <summary>A closed interval.</summary>
public sealed record Interval(double Low, double High)
{
    /// <summary>Its width.</summary>
    public double Width => High - Low;
}

/// <summary>The 5th, 50th and 95th percentiles of a quantity over the replications.</summary>
public sealed record Percentiles(double P5, double P50, double P95);

/// <summary>A priority's fill rate over the replications: mean, its 95 % confidence interval, percentiles.</summary>
/// <param name="Priority">The priority.</param>
/// <param name="Mean">The mean fill rate; null when the scenario requires nothing of that priority.</param>
/// <param name="Confidence95">Student's t interval of the mean (null with fewer than two replications).</param>
/// <param name="Percentiles">Of the replications' fill rates.</param>
public sealed record PriorityFill(Priority Priority, double? Mean, Interval? Confidence95, Percentiles? Percentiles);

/// <summary>A share of replications with its 95 % (Wilson score) confidence interval.</summary>
public sealed record Proportion(double Estimate, Interval Confidence95);

/// <summary>The fill rates of one month, per priority (null where the month requires nothing of it).</summary>
public sealed record MonthFill(string Month, ImmutableDictionary<Priority, Percentiles?> Priorities);

/// <summary>How one position fared over the replications.</summary>
/// <param name="Position">The position's id.</param>
/// <param name="Operation">Its operation's id.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="UnfilledProbability">The share of replications in which it had an uncovered seat-day.</param>
/// <param name="MeanUncoveredSeatDays">Its uncovered seat-days, averaged over the replications.</param>
public sealed record PositionOutcome(string Position, string Operation, Priority Priority, double UnfilledProbability, double MeanUncoveredSeatDays);

/// <summary>A requirement that left seats unfilled: the expected uncovered seat-days of the positions that have it.</summary>
/// <param name="Requirement">What it is, for example <c>skill rule-of-law &gt;= 4</c>, <c>language Arabic</c>, <c>clearance secret</c>, <c>component standby</c>.</param>
/// <param name="Kind"><c>skill</c>, <c>language</c>, <c>clearance</c> or <c>component</c>.</param>
/// <param name="ExpectedUncoveredSeatDays">Per replication, the uncovered seat-days of the positions with the requirement.</param>
public sealed record Bottleneck(string Requirement, string Kind, double ExpectedUncoveredSeatDays);

/// <summary>The results of a scenario's replications.</summary>
/// <param name="Replications">How many replications were measured (a prefix 0 .. n-1 of the replications).</param>
/// <param name="Seed">The scenario's seed.</param>
/// <param name="Mode">The mode.</param>
/// <param name="Partial">Whether the run was stopped (cancelled) before its end.</param>
/// <param name="StoppedBy">Why it ended before the replications asked for (precision reached, cancelled), or null.</param>
/// <param name="Priorities">Per priority, the fill rate over the whole horizon (critical first).</param>
/// <param name="SustainProbability">The share of replications in which every sustain threshold held in every month; null without replications.</param>
/// <param name="Months">Per month of the horizon, each priority's fill rate percentiles.</param>
/// <param name="Positions">Every position of the scenario's problem, in input order.</param>
/// <param name="Bottlenecks">The requirements that left seats unfilled, most expected uncovered seat-days first.</param>
/// <param name="UnprovenReplications">Replications whose coverage a time limit left unproven.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record SimulationResults(
    int Replications,
    int Seed,
    SimulationMode Mode,
    bool Partial,
    string? StoppedBy,
    ImmutableArray<PriorityFill> Priorities,
    Proportion? SustainProbability,
    ImmutableArray<MonthFill> Months,
    ImmutableArray<PositionOutcome> Positions,
    ImmutableArray<Bottleneck> Bottlenecks,
    int UnprovenReplications,
    TimeSpan Elapsed);

/// <summary>The statistics of a list of replication outcomes (MathNet.Numerics: Student's t, normal, quantiles).</summary>
internal static class Statistics95
{
    private const double Level = 0.95;

    /// <summary>Student's t interval of the mean of <paramref name="values"/>, or null with fewer than two.</summary>
    public static Interval? MeanInterval(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        var mean = values.Mean();
        var half = StudentT.InvCDF(0, 1, values.Count - 1, 1 - (1 - Level) / 2) * values.StandardDeviation() / Math.Sqrt(values.Count);
        return new Interval(mean - half, mean + half);
    }

    /// <summary>The Wilson score interval of <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    public static Interval Wilson(int successes, int n)
    {
        var z = Normal.InvCDF(0, 1, 1 - (1 - Level) / 2);
        var p = (double)successes / n;
        var denominator = 1 + z * z / n;
        var centre = (p + z * z / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>The 5th, 50th and 95th percentiles (R's type 7), or null for no values.</summary>
    public static Percentiles? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var data = values.ToArray();
        double Q(double tau) => data.QuantileCustom(tau, QuantileDefinition.R7);
        return new Percentiles(Q(0.05), Q(0.5), Q(0.95));
    }

    /// <summary>Aggregates the outcomes (in replication order) of <paramref name="scenario"/>.</summary>
    public static SimulationResults Aggregate(Scenario scenario, IReadOnlyList<ReplicationOutcome> outcomes, HorizonMonths months,
        bool partial, string? stoppedBy, TimeSpan elapsed)
    {
        var n = outcomes.Count;
        var priorities = Enum.GetValues<Priority>();
        var fills = priorities.Select(p =>
        {
            var values = outcomes.Select(o => o.Fill(p)).OfType<double>().ToList();
            return new PriorityFill(p, values.Count == 0 ? null : values.Mean(), MeanInterval(values), Of(values));
        }).ToImmutableArray();
        var sustained = outcomes.Count(o => o.Sustained(scenario.Sustain));
        var monthFills = Enumerable.Range(0, months.Count).Select(m => new MonthFill(months.Names[m],
            priorities.ToImmutableDictionary(p => p, p => Of([.. outcomes.Select(o => o.MonthFill(m, p)).OfType<double>()])))).ToImmutableArray();
        var positions = scenario.Problem.Operations.SelectMany(o => o.Positions.Select(p => (Operation: o, Position: p)))
            .Select(x => new PositionOutcome(x.Position.Id, x.Operation.Id, x.Position.Priority,
                n == 0 ? 0 : (double)outcomes.Count(o => o.Uncovered[x.Position.Id] > 0) / n,
                n == 0 ? 0 : outcomes.Average(o => (double)o.Uncovered[x.Position.Id])))
            .ToImmutableArray();
        return new SimulationResults(n, scenario.Seed, scenario.Mode, partial, stoppedBy, fills,
            n == 0 ? null : new Proportion((double)sustained / n, Wilson(sustained, n)), monthFills, positions,
            Bottlenecks(scenario.Problem, positions), outcomes.Count(o => !o.Proven), elapsed);
    }

    /// <summary>
    /// Each requirement of the problem's positions (skill and level, language, clearance above none, allowed component)
    /// with the expected uncovered seat-days of the positions that have it, most first; those that left nothing out are left out.
    /// </summary>
    private static ImmutableArray<Bottleneck> Bottlenecks(DeploymentProblem problem, ImmutableArray<PositionOutcome> outcomes)
    {
        var expected = outcomes.ToDictionary(o => o.Position, o => o.MeanUncoveredSeatDays, StringComparer.Ordinal);
        var totals = new Dictionary<(string Requirement, string Kind), double>();
        foreach (var position in problem.Operations.SelectMany(o => o.Positions))
        {
            var uncovered = expected[position.Id];
            if (uncovered == 0) continue;
            var requirements = position.Requires.Select(s => ($"skill {s.Key} >= {s.Value}", "skill"))
                .Concat(position.Languages.Select(l => ($"language {l}", "language")))
                .Concat(position.Clearance == Clearance.None ? [] : [($"clearance {Input.JsonNames.Clearances.Name(position.Clearance)}", "clearance")])
                .Concat(position.AllowedComponents.Select(c => ($"component {Input.JsonNames.Components.Name(c)}", "component")));
            foreach (var requirement in requirements) totals[requirement] = totals.GetValueOrDefault(requirement) + uncovered;
        }
        return [.. totals.OrderByDescending(t => t.Value).ThenBy(t => t.Key.Requirement, StringComparer.Ordinal)
            .Select(t => new Bottleneck(t.Key.Requirement, t.Key.Kind, t.Value))];
    }
}
