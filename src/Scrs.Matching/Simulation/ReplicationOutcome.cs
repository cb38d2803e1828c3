using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Simulation;

/// <summary>What one replication's roster covered: per priority overall and per month, and each position's uncovered seat-days.</summary>
/// <param name="Covered">Seat-days covered, per priority (index: <see cref="Priority"/>).</param>
/// <param name="Required">Seat-days required, per priority.</param>
/// <param name="MonthCovered">Per month of the horizon and priority, seat-days covered.</param>
/// <param name="MonthRequired">Per month of the horizon and priority, seat-days required.</param>
/// <param name="Uncovered">Uncovered seat-days of every position of the problem (arrivals included), by position id.</param>
/// <param name="Proven">Whether the roster's coverage was proven optimal.</param>
internal sealed record ReplicationOutcome(long[] Covered, long[] Required, long[][] MonthCovered, long[][] MonthRequired,
    ImmutableDictionary<string, long> Uncovered, bool Proven)
{
    /// <summary>The fill rate of <paramref name="priority"/>, or null when nothing of it is required.</summary>
    public double? Fill(Priority priority) => Rate(Covered[(int)priority], Required[(int)priority]);

    /// <summary>The fill rate of <paramref name="priority"/> in month <paramref name="month"/>, or null when nothing is required then.</summary>
    public double? MonthFill(int month, Priority priority) => Rate(MonthCovered[month][(int)priority], MonthRequired[month][(int)priority]);

    /// <summary>Whether every threshold of <paramref name="sustain"/> held in every month that required that priority.</summary>
    public bool Sustained(ImmutableDictionary<Priority, double> sustain)
    {
        for (var m = 0; m < MonthCovered.Length; m++)
        {
            foreach (var (priority, threshold) in sustain)
            {
                if (MonthFill(m, priority) is { } fill && fill < threshold) return false;
            }
        }
        return true;
    }

    /// <summary>Measures <paramref name="roster"/> of <paramref name="problem"/> over the months of <paramref name="months"/>.</summary>
    public static ReplicationOutcome Measure(DeploymentProblem problem, Roster roster, HorizonMonths months) =>
        Measure(problem, roster.Assignments.Select(a => (a.Position, a.Days)), months, roster.Status is RosterStatus.Optimal or RosterStatus.Infeasible);

    /// <summary>
    /// Measures the days members actually <paramref name="served"/> on positions of <paramref name="problem"/> over the
    /// months of <paramref name="months"/>.
    /// </summary>
    public static ReplicationOutcome Measure(DeploymentProblem problem, IEnumerable<(string Position, DateRange Days)> served,
        HorizonMonths months, bool proven)
    {
        var priorities = Enum.GetValues<Priority>().Length;
        var covered = new long[priorities];
        var required = new long[priorities];
        var monthCovered = Enumerable.Range(0, months.Count).Select(_ => new long[priorities]).ToArray();
        var monthRequired = Enumerable.Range(0, months.Count).Select(_ => new long[priorities]).ToArray();
        var uncovered = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        var byPosition = served.ToLookup(s => s.Position, s => s.Days, StringComparer.Ordinal);
        foreach (var position in problem.Operations.SelectMany(o => o.Positions))
        {
            var window = position.Window;
            var seats = new int[window.Days];
            foreach (var days in byPosition[position.Id])
            {
                var (from, to) = (Math.Max(days.Start.DayNumber, window.Start.DayNumber), Math.Min(days.End.DayNumber, window.End.DayNumber));
                for (var day = from; day <= to; day++) seats[day - window.Start.DayNumber]++;
            }
            var p = (int)position.Priority;
            long empty = 0;
            for (var d = 0; d < seats.Length; d++)
            {
                var filled = Math.Min(position.Headcount, seats[d]);
                var month = months.Of(window.Start.AddDays(d));
                covered[p] += filled;
                required[p] += position.Headcount;
                monthCovered[month][p] += filled;
                monthRequired[month][p] += position.Headcount;
                empty += position.Headcount - filled;
            }
            uncovered[position.Id] = empty;
        }
        return new ReplicationOutcome(covered, required, monthCovered, monthRequired, uncovered.ToImmutable(), proven);
    }

    private static double? Rate(long covered, long required) => required == 0 ? null : (double)covered / required;
}

/// <summary>The calendar months from a planning date to the end of a horizon, both included.</summary>
internal sealed class HorizonMonths
{
    private readonly int _firstMonth;

    public HorizonMonths(DateOnly start, DateOnly end)
    {
        _firstMonth = start.Year * 12 + start.Month - 1;
        Count = Math.Max(1, end.Year * 12 + end.Month - 1 - _firstMonth + 1);
        Names = [.. Enumerable.Range(0, Count).Select(k => new DateOnly((_firstMonth + k) / 12, (_firstMonth + k) % 12 + 1, 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>How many months.</summary>
    public int Count { get; }

    /// <summary>Each month as <c>yyyy-MM</c>.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The month of <paramref name="day"/>, clamped to the horizon.</summary>
    public int Of(DateOnly day) => Math.Clamp(day.Year * 12 + day.Month - 1 - _firstMonth, 0, Count - 1);
}
