using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Pricing;

namespace Scrs.Matching.Tests.Solver.Pricing;

public class GomoryCutsTests
{
    /// <summary>
    /// A random 0-1 program small enough to enumerate: packing, weighted capacity and covering rows over up to 14 binary
    /// columns, and continuous columns that count some binaries (as the roster's per-slot surge columns do, defined by an
    /// equality row), capped by rows of their own. Every binary point is tried, so the program may well be infeasible.
    /// </summary>
    internal static (LinearModel Model, int Binaries, int[][] Counted) TinyProgram(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(4, 15);
        var model = new LinearModel("tiny") { Maximize = random.Next(2) == 0 };
        for (var j = 0; j < n; j++) model.AddColumn(0, 1, random.Next(-3, 10) * 7, isInteger: true);
        var counted = new int[random.Next(0, 3)][];
        for (var a = 0; a < counted.Length; a++)
        {
            counted[a] = Enumerable.Range(0, n).Where(_ => random.Next(3) == 0).ToArray();
            var column = model.AddColumn(0, random.Next(1, 4), 0, isInteger: false);
            model.AddRow([column, .. counted[a]], [1.0, .. counted[a].Select(_ => -1.0)], RowSense.Equal, 0);
        }
        if (counted.Length == 2) model.AddRow([n, n + 1], [1.0, 1.0], RowSense.LessOrEqual, random.Next(1, 4));
        var rows = random.Next(2, 2 * n);
        for (var r = 0; r < rows; r++)
        {
            var columns = Enumerable.Range(0, n).Where(_ => random.Next(n) < 4).ToArray();
            if (columns.Length == 0) continue;
            switch (random.Next(3))
            {
                case 0: model.AddRow(columns, columns.Select(_ => 1.0).ToArray(), RowSense.LessOrEqual, 1); break;
                case 1:
                    var weights = columns.Select(_ => (double)random.Next(1, 9)).ToArray();
                    model.AddRow(columns, weights, RowSense.LessOrEqual, Math.Floor(weights.Sum() * random.Next(30, 80) / 100.0));
                    break;
                default: model.AddRow(columns, columns.Select(_ => 1.0).ToArray(), RowSense.GreaterOrEqual, 1); break;
            }
        }
        return (model, n, counted);
    }

    /// <summary>Every integer solution of the program: the binaries enumerated, the counting columns set from them.</summary>
    internal static List<double[]> IntegerSolutions(LinearModel model, int binaries, int[][] counted)
    {
        var solutions = new List<double[]>();
        for (var bits = 0; bits < 1 << binaries; bits++)
        {
            var values = new double[model.ColumnCount];
            for (var j = 0; j < binaries; j++) values[j] = (bits >> j) & 1;
            for (var a = 0; a < counted.Length; a++) values[binaries + a] = counted[a].Sum(j => values[j]);
            if (SolutionCheck.Accept(model, values, out _) is not null) solutions.Add(values);
        }
        return solutions;
    }

    /// <summary>The columns of the LP: all but every fourth binary from <paramref name="leaveOut"/> on (all when it is 3).</summary>
    private static List<int> Present(LinearModel model, int binaries, int leaveOut) =>
        Enumerable.Range(0, model.ColumnCount).Where(j => j >= binaries || j % 4 != leaveOut || leaveOut == 3).ToList();

    private static double[] MinimizationCost(LinearModel model) =>
        Enumerable.Range(0, model.ColumnCount).Select(j => (model.Maximize ? -1 : 1) * model.Objective(j)).ToArray();

    [Property(MaxTest = 300)]
    public Property Every_gomory_cut_keeps_every_integer_solution_and_cuts_off_the_LP_optimum_even_with_columns_left_out_of_the_LP() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), (seed, leaveOut) =>
        {
            var (model, binaries, counted) = TinyProgram(seed);
            var solutions = IntegerSolutions(model, binaries, counted);
            // Columns left out of the LP, as the pricing leaves them out: the cuts, lifted to them, must hold for the
            // solutions that use them all the same.
            var present = Present(model, binaries, leaveOut);
            var matrix = ColumnMajorMatrix.From(model);
            using var lp = new HighsRestrictedLinearProgram(model, matrix, MinimizationCost(model), present, 1);
            if (lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None) != LpStatus.Optimal) return true.ToProperty();
            var optimum = lp.Solution();
            var cuts = GomoryCuts.Derive(model, lp, optimum, 100);
            foreach (var cut in cuts)
            {
                Assert.True(Activity(cut, optimum) < cut.Rhs - 1e-7, "the cut does not cut off the LP optimum");
                foreach (var s in solutions)
                    Assert.True(Activity(cut, s) >= cut.Rhs - 1e-7 * Math.Max(1, Math.Abs(cut.Rhs)),
                        $"cut {string.Join(" + ", cut.Columns.Select((c, k) => $"{cut.Coefficients[k]:R} x{c}"))} >= {cut.Rhs:R} cuts off the integer solution {string.Join(",", s)}");
            }
            return true.ToProperty();
        });

    [Fact]
    public void The_tiny_programs_give_cuts_with_and_without_columns_left_out_so_the_property_above_tests_something()
    {
        int withCuts = 0, withLeftOut = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            var (model, binaries, _) = TinyProgram(seed);
            foreach (var leaveOut in new[] { 0, 3 })
            {
                var present = Present(model, binaries, leaveOut);
                var matrix = ColumnMajorMatrix.From(model);
                using var lp = new HighsRestrictedLinearProgram(model, matrix, MinimizationCost(model), present, 1);
                if (lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None) != LpStatus.Optimal) continue;
                if (GomoryCuts.Derive(model, lp, lp.Solution(), 100).Count == 0) continue;
                if (leaveOut == 3) withCuts++;
                else withLeftOut++;
            }
        }
        Assert.True(withCuts >= 20, $"only {withCuts} of 100 programs gave cuts");
        Assert.True(withLeftOut >= 10, $"only {withLeftOut} of 100 restricted programs gave cuts");
    }

    [Fact]
    public void Later_rounds_still_give_valid_cuts_once_the_earlier_rounds_cuts_are_rows_of_the_model()
    {
        // Regression: a nonbasic >= row (a cut, a level held by a row) was taken to sit at its infinite upper bound, so
        // every cut whose tableau row went through one had an infinite right-hand side and was dropped: a second round
        // found none, and a 90 seat-day gap on a simulated replication of the demo corps took 30 s to prove instead of 2.
        var secondRound = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var (model, binaries, counted) = TinyProgram(seed);
            var solutions = IntegerSolutions(model, binaries, counted);
            var matrix = ColumnMajorMatrix.From(model);
            using var lp = new HighsRestrictedLinearProgram(model, matrix, MinimizationCost(model), Present(model, binaries, 3), 1);
            if (lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None) != LpStatus.Optimal) continue;
            var first = GomoryCuts.Derive(model, lp, lp.Solution(), 100);
            if (first.Count == 0) continue;
            var firstRow = model.RowCount;
            foreach (var cut in first) model.AddCut(cut.Columns, cut.Coefficients, cut.Rhs);
            matrix = ColumnMajorMatrix.From(model);
            lp.AddRows(matrix, firstRow);
            if (lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None) != LpStatus.Optimal) continue;
            var optimum = lp.Solution();
            var again = GomoryCuts.Derive(model, lp, optimum, 100);
            foreach (var cut in again)
            {
                Assert.True(Activity(cut, optimum) < cut.Rhs - 1e-7, $"seed {seed}: the cut does not cut off the LP optimum");
                foreach (var solution in solutions)
                    Assert.True(Activity(cut, solution) >= cut.Rhs - 1e-7 * Math.Max(1, Math.Abs(cut.Rhs)), $"seed {seed}: a second-round cut cuts off an integer solution");
            }
            if (again.Count > 0) secondRound++;
        }
        Assert.True(secondRound >= 10, $"only {secondRound} of 200 programs gave cuts in a second round");
    }

    [Fact]
    public void The_textbook_triangle_gets_a_cut_that_closes_its_gap()
    {
        // Two triangles of pairwise exclusions: the LP takes 1/2 of every column (3), the integer optimum is 2.
        var model = SolverTestData.Triangles();
        var matrix = ColumnMajorMatrix.From(model);
        using var lp = new HighsRestrictedLinearProgram(model, matrix, MinimizationCost(model), Enumerable.Range(0, model.ColumnCount).ToList(), 1);
        Assert.Equal(LpStatus.Optimal, lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None));
        var optimum = lp.Solution();
        var cuts = GomoryCuts.Derive(model, lp, optimum, 10);
        Assert.NotEmpty(cuts);
        Assert.All(cuts, cut => Assert.True(Activity(cut, optimum) < cut.Rhs - 1e-6));
    }

    [Property(MaxTest = 100)]
    public Property Columns_the_pricing_calls_unusable_are_zero_in_every_optimal_solution() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var (model, binaries, counted) = TinyProgram(seed);
            var solutions = IntegerSolutions(model, binaries, counted);
            if (solutions.Count == 0) return true.ToProperty();
            var start = solutions[0];
            var result = new PricingSolver(new CbcSolver()).Solve(model, new MipOptions(TimeSpan.FromSeconds(30), WarmStart: start), CancellationToken.None);
            Assert.Equal(MipStatus.Optimal, result.Status);
            var best = model.Maximize ? solutions.Max(s => model.Evaluate(s)) : solutions.Min(s => model.Evaluate(s));
            Assert.Equal(best, result.Objective, 6);
            foreach (var s in solutions.Where(s => Math.Abs(model.Evaluate(s) - best) < 1e-6))
                Assert.All(result.Unusable ?? [], j => Assert.Equal(0, s[j]));
            return true.ToProperty();
        });

    [Property(MaxTest = 200)]
    public Property An_optimal_face_holds_exactly_the_integer_solutions_at_the_optimum() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            if (FaceOf(seed) is not var (model, solutions, optimum, face) || face is null) return true.ToProperty();
            foreach (var s in solutions)
                Assert.Equal(Math.Abs(model.Evaluate(s) - optimum) < 1e-6, OnFace(model, face, s));
            return true.ToProperty();
        });

    [Fact]
    public void The_tiny_programs_give_faces_with_fixed_columns_and_tight_rows_so_the_property_above_tests_something()
    {
        var faces = Enumerable.Range(0, 200).Select(FaceOf).Where(f => f?.Face is not null).Select(f => f!.Value.Face!).ToList();
        Assert.True(faces.Count >= 20, $"{faces.Count} faces");
        Assert.Contains(faces, f => f.TightRows.Count > 0);
        Assert.Contains(faces, f => f.Fixed.Count > 0);
    }

    /// <summary>The tiny program of <paramref name="seed"/> solved by pricing: its integer solutions, optimum and face; null when it has no solution.</summary>
    private static (LinearModel Model, List<double[]> Solutions, double Optimum, OptimalFace? Face)? FaceOf(int seed)
    {
        var (model, binaries, counted) = TinyProgram(seed);
        var solutions = IntegerSolutions(model, binaries, counted);
        if (solutions.Count == 0) return null;
        var result = new PricingSolver(new CbcSolver()).Solve(model, new MipOptions(TimeSpan.FromSeconds(30), WarmStart: solutions[0]), CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, result.Status);
        return (model, solutions, result.Objective, result.Face);
    }

    private static bool OnFace(LinearModel model, OptimalFace face, double[] values) =>
        face.Fixed.All(f => Math.Abs(values[f.Column] - f.Value) < 1e-6)
        && face.TightRows.All(i =>
        {
            var columns = model.RowColumns(i);
            var coefficients = model.RowCoefficients(i);
            var activity = 0.0;
            for (var k = 0; k < columns.Length; k++) activity += coefficients[k] * values[columns[k]];
            return Math.Abs(activity - model.Rhs(i)) < 1e-6;
        });

    private static double Activity(Cut cut, double[] values)
    {
        var sum = 0.0;
        for (var k = 0; k < cut.Columns.Length; k++) sum += cut.Coefficients[k] * values[cut.Columns[k]];
        return sum;
    }
}
