using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Highs;

namespace Scrs.Matching.Tests.Solver.Highs;

public class HighsRestrictedLinearProgramTests
{
    /// <summary>
    /// Each optimum of the restricted LP must be certified over every row of the model: the point keeps every row, the
    /// row duals (in the model's numbering) have valid signs, and their Lagrangian bound over the columns present equals
    /// the objective. Checked after the first solve, after columns enter, and after rows are added.
    /// (Not checked here: the basis. On these small LPs, a few columns, some without an entry, HiGHS 1.12 now and then
    /// crashed the process when asked for their basic variables; the restricted LPs of a roster, thousands of columns
    /// started from a point, have not.)
    /// </summary>
    [Property(MaxTest = 60)]
    public Property EveryOptimumIsCertifiedOverEveryRowOfTheModelByItsDuals() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var model = new LinearModel("restricted");
            var columns = random.Next(4, 14);
            for (var j = 0; j < columns; j++) model.AddColumn(0, 1, -random.Next(1, 10), isInteger: true);
            for (var i = random.Next(3, 12); i > 0; i--) AddRandomRow(model, random);
            var cost = Enumerable.Range(0, columns).Select(model.Objective).ToArray();
            var present = Enumerable.Range(0, columns).Where(_ => random.Next(3) == 0).ToList();
            using var lp = new HighsRestrictedLinearProgram(model, model.ByColumn(), cost, present, threads: 1);
            // As pricing does: from a point (zero keeps every row here), so HiGHS's simplex, not its presolve, solves it.
            lp.StartFrom(new double[columns]);
            if (!Certified(model, lp, cost, present)) return false;

            var entering = Enumerable.Range(0, columns).Where(j => !present.Contains(j) && random.Next(2) == 0).ToList();
            lp.Add(entering, model.ByColumn());
            present.AddRange(entering);
            if (!Certified(model, lp, cost, present)) return false;

            var firstRow = model.RowCount;
            for (var i = random.Next(1, 3); i > 0; i--) AddRandomRow(model, random);
            lp.AddRows(model.ByColumn(), firstRow);
            return Certified(model, lp, cost, present);
        });

    /// <summary>A "less or equal" row over a few random columns with positive coefficients, kept by zero, so every LP here is feasible.</summary>
    private static void AddRandomRow(LinearModel model, Random random)
    {
        var over = Enumerable.Range(0, model.ColumnCount).Where(_ => random.Next(4) == 0).ToArray();
        var coefficients = over.Select(_ => (double)random.Next(1, 4)).ToArray();
        model.AddRow(over, coefficients, RowSense.LessOrEqual, random.Next(1, 5));
    }

    private static bool Certified(LinearModel model, HighsRestrictedLinearProgram lp, double[] cost, List<int> present)
    {
        if (lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None) != LpStatus.Optimal) return false;
        var x = lp.Solution();
        var activities = lp.RowActivities();
        var duals = new double[model.RowCount];
        lp.CopyRowDuals(duals);
        var bound = 0.0;
        for (var i = 0; i < model.RowCount; i++)
        {
            var activity = 0.0;
            var rowColumns = model.RowColumns(i);
            var coefficients = model.RowCoefficients(i);
            for (var k = 0; k < rowColumns.Length; k++) activity += coefficients[k] * x[rowColumns[k]];
            if (Math.Abs(activity - activities[i]) > 1e-7 || activity > model.Rhs(i) + 1e-7 || duals[i] > 1e-9) return false;
            bound += duals[i] * model.Rhs(i);
        }
        var matrix = model.ByColumn();
        foreach (var j in present)
        {
            var reduced = matrix.Reduce(j, cost[j], duals);
            bound += Math.Min(0, reduced);
        }
        var objective = present.Sum(j => cost[j] * x[j]);
        return Math.Abs(objective - lp.Objective) <= 1e-7 && Math.Abs(bound - objective) <= 1e-6;
    }
}
