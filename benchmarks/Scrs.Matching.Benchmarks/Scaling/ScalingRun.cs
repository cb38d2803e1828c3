using System.Collections.Immutable;
using System.Diagnostics;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Scaling;

/// <summary>One size of the scaling run.</summary>
/// <param name="Members">Members of the corps.</param>
/// <param name="Operations">Operations.</param>
/// <param name="Positions">Positions over all operations.</param>
/// <param name="ReadMillis">Reading the JSON text.</param>
/// <param name="TotalMillis">JSON text in to verified roster out.</param>
/// <param name="Roster">The roster, with its statistics (per-stage times, model size).</param>
internal sealed record ScalingPoint(int Members, int Operations, int Positions, long ReadMillis, long TotalMillis, Roster Roster)
{
    /// <summary>Candidate generation and model building over the total time.</summary>
    public double PreparationShare => (double)(Roster.Statistics.EligibilityMillis + Roster.Statistics.ModelMillis) / Math.Max(1, TotalMillis);
}

/// <summary>
/// The library end to end on sample corps of growing size, positions in the corps' proportion (300 positions per 4,550
/// members, at most 100 per operation), with the fitted growth exponent of total time against members.
/// </summary>
internal static class ScalingRun
{
    public static ImmutableArray<int> DefaultSizes { get; } = [1_000, 2_000, 5_000, 10_000, 20_000];

    /// <summary>The sample-corps options of a corps of <paramref name="members"/> members.</summary>
    public static SampleCorpsOptions Options(int members)
    {
        var d = SampleCorpsOptions.Default;
        var split = SampleCorps.Apportion(members, [d.ActiveMembers, d.StandbyMembers, d.ReserveMembers, d.Contractors]);
        var positions = Math.Max(1, (int)Math.Round(members * 300.0 / 4_550));
        var operations = (positions + 99) / 100;
        return d with
        {
            ActiveMembers = split[0],
            StandbyMembers = split[1],
            ReserveMembers = split[2],
            Contractors = split[3],
            Operations = operations,
            PositionsPerOperation = (int)Math.Round((double)positions / operations),
        };
    }

    public static ScalingPoint Measure(int members, TimeSpan timeLimit, SolverEngine engine = SolverEngine.Auto)
    {
        var options = Options(members);
        var json = ProblemJson.Write(SampleCorps.Generate(options));
        var clock = Stopwatch.StartNew();
        var problem = ProblemJson.Read(json).Value!;
        var read = clock.ElapsedMilliseconds;
        var roster = RosterPlanner.Plan(problem, new PlannerOptions { TimeLimit = timeLimit, Engine = engine });
        return new ScalingPoint(members, options.Operations, problem.Operations.Sum(o => o.Positions.Length), read, clock.ElapsedMilliseconds, roster);
    }

    /// <summary>The slope of the least-squares line through (log x, log y): y grows like x to this power.</summary>
    /// <exception cref="ArgumentException">Fewer than two points, or all x equal, or a value not positive.</exception>
    public static double FittedExponent(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2) throw new ArgumentException("A growth exponent needs at least two sizes.", nameof(points));
        if (points.Any(p => p.X <= 0 || p.Y <= 0)) throw new ArgumentException("Sizes and times must be positive.", nameof(points));
        var logs = points.Select(p => (X: Math.Log(p.X), Y: Math.Log(p.Y))).ToList();
        double mx = logs.Average(p => p.X), my = logs.Average(p => p.Y);
        var sxx = logs.Sum(p => (p.X - mx) * (p.X - mx));
        if (sxx == 0) throw new ArgumentException("A growth exponent needs at least two different sizes.", nameof(points));
        return logs.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }

    public static string Header { get; } =
        $"{"members",8} {"ops",4} {"pos",5} {"columns",9} {"rows",8} {"read",7} {"elig",7} {"model",7} {"solve",8} {"verify",7} {"total",8}  {"prep %",6}  {"status",-10} {"gap",8}";

    public static string Format(ScalingPoint p)
    {
        var s = p.Roster.Statistics;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{p.Members,8} {p.Operations,4} {p.Positions,5} {s.Columns,9} {s.Rows,8} {p.ReadMillis,7} {s.EligibilityMillis,7} {s.ModelMillis,7} {s.SolveMillis,8} {s.VerifyMillis,7} {p.TotalMillis,8}  {100 * p.PreparationShare,6:F1}  {p.Roster.Status.ToString().ToLowerInvariant(),-10} {(p.Roster.Gap is { } g ? g.ToString("P3", System.Globalization.CultureInfo.InvariantCulture) : "-"),8}");
    }
}
