using System.Globalization;
using Scrs.Matching.Baseline;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Samples;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Gap;

namespace Scrs.Matching.Tests.Solver;

/// <summary>
/// Small hand-made models with known optima, the public GAP benchmark set shipped in <c>benchmarks/gap</c>, and a roster model.
/// </summary>
internal static class SolverTestData
{
    /// <summary>max 5x + 4y + 7 s.t. 6x + 4y &lt;= 24, x + 2y &lt;= 6, x, y integer &gt;= 0: optimum 27 at (4, 0).</summary>
    public static LinearModel SmallMaximize()
    {
        var model = new LinearModel("small max") { Maximize = true, ObjectiveOffset = 7 };
        var x = model.AddColumn(0, double.PositiveInfinity, 5, isInteger: true);
        var y = model.AddColumn(0, double.PositiveInfinity, 4, isInteger: true);
        model.AddRow([x, y], [6, 4], RowSense.LessOrEqual, 24);
        model.AddRow([x, y], [1, 2], RowSense.LessOrEqual, 6);
        return model;
    }

    /// <summary>
    /// min 3a + 2b + 4c - 5 s.t. a + b + c = 10, a - b &gt;= 2, a, b integer &gt;= 0, c in [1, 5] continuous:
    /// optimum 23 at (6, 3, 1) (with a - b = 2 the parity forces c = 2 and cost 24).
    /// </summary>
    public static LinearModel SmallMinimizeWithEquality()
    {
        var model = new LinearModel("small min") { ObjectiveOffset = -5 };
        var a = model.AddColumn(0, double.PositiveInfinity, 3, isInteger: true);
        var b = model.AddColumn(0, double.PositiveInfinity, 2, isInteger: true);
        var c = model.AddColumn(1, 5, 4, isInteger: false);
        model.AddRow([a, b, c], [1, 1, 1], RowSense.Equal, 10);
        model.AddRow([a, b], [1, -1], RowSense.GreaterOrEqual, 2);
        return model;
    }

    /// <summary>
    /// max x0 + ... + x5 over 0-1 columns with two disjoint triangles of pairwise exclusions (x0, x1, x2 and x3, x4, x5):
    /// optimum 2, one pick per triangle.
    /// </summary>
    public static LinearModel Triangles()
    {
        var model = new LinearModel("triangles") { Maximize = true };
        var x = Enumerable.Range(0, 6).Select(_ => model.AddColumn(0, 1, 1, isInteger: true)).ToArray();
        foreach (var t in new[] { 0, 3 })
        {
            model.AddRow([x[t], x[t + 1]], [1, 1], RowSense.LessOrEqual, 1);
            model.AddRow([x[t + 1], x[t + 2]], [1, 1], RowSense.LessOrEqual, 1);
            model.AddRow([x[t], x[t + 2]], [1, 1], RowSense.LessOrEqual, 1);
        }
        return model;
    }

    /// <summary>The folder of GAP instances shipped with the repository: <c>benchmarks/gap</c>.</summary>
    public static string GapFolder()
    {
        var folder = RepositoryFiles.PathOf(Path.Combine("benchmarks", "gap"));
        Assert.True(Directory.Exists(folder), $"GAP benchmark data missing: expected {folder}.");
        return folder;
    }

    public static GapInstance Gap(string path) => GapInstance.Parse(File.ReadAllText(Path.Combine(GapFolder(), path)));

    /// <summary>Proven minimisation optima from data.csv, by path (instances without one are left out).</summary>
    public static IReadOnlyDictionary<string, double> GapOptima()
    {
        var optima = new Dictionary<string, double>();
        foreach (var line in File.ReadLines(Path.Combine(GapFolder(), "data.csv")).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length >= 7 && fields[6].Length > 0)
                optima[fields[0]] = double.Parse(fields[6], CultureInfo.InvariantCulture);
        }
        return optima;
    }

    /// <summary>A GAP instance that CBC does not solve within seconds (100 items, 5 agents, type D).</summary>
    public static LinearModel HardGap() => Gap("chu1997/d05100").ToModel("d05100");

    /// <summary>
    /// The first stage of the planner on a quarter of the demo corps (about 8,000 columns): critical coverage maximized,
    /// with the greedy roster as a feasible start. CBC's preprocessing of it makes about nine passes over 2 s.
    /// </summary>
    public static (LinearModel Model, double[] Start) QuarterCorpsCriticalStage()
    {
        var full = SampleCorpsOptions.Default;
        var problem = SampleCorps.Generate(full with
        {
            ActiveMembers = full.ActiveMembers / 4,
            StandbyMembers = full.StandbyMembers / 4,
            ReserveMembers = full.ReserveMembers / 4,
            Contractors = full.Contractors / 4,
            PositionsPerOperation = full.PositionsPerOperation / 4,
        });
        var candidates = CandidateGenerator.Generate(new PlanningIndex(problem));
        var roster = RosterModelBuilder.Build(candidates);
        var model = roster.Linear;
        model.ClearObjective();
        var coefficients = roster.Objectives[(int)ObjectiveLevel.Critical];
        for (var j = 0; j < coefficients.Length; j++) model.SetObjective(j, coefficients[j]);
        model.Maximize = true;
        // The surge limits' auxiliary columns must be filled in too, or the start breaks their definition rows.
        var start = roster.ColumnValues(GreedyRoster.Solve(candidates) ?? throw new InvalidOperationException("no greedy roster"));
        return (model, start);
    }
}
