using System.Diagnostics;
using FsCheck.Xunit;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Pricing;

namespace Scrs.Matching.Tests.Solver;

/// <summary>LP pricing with HiGHS as both the LP and the MIP engine.</summary>
public class HighsPricingTests
{
    private static readonly MipOptions NoStart = new(TimeLimit: TimeSpan.FromSeconds(30));

    private static PricingSolver Priced() => new(new HighsSolver());

    [Property(MaxTest = 60)]
    public void Highs_pricing_proves_the_same_optimum_as_a_whole_model_solve_and_its_bound_holds(int seed) =>
        PricingSolverTests.AssertPricingMatchesTheWholeModel(new HighsSolver(), seed);

    [Fact]
    public void Reduced_costs_from_highs_row_duals_match_highs_own_and_the_lagrangian_bound_is_the_lp_optimum()
    {
        // max 3x + 2y + 4z, x + y <= 1, y + z <= 1, x + z <= 1.5 (minimized negated). With the opposite sign convention
        // (reduced cost = cost + A'y) the reduced costs would differ from HiGHS's column duals and the bound would not
        // be the LP optimum.
        var model = new LinearModel("lp") { Maximize = true };
        model.AddColumn(0, 1, 3, isInteger: true);
        model.AddColumn(0, 1, 2, isInteger: true);
        model.AddColumn(0, 1, 4, isInteger: true);
        model.AddRow([0, 1], [1.0, 1.0], RowSense.LessOrEqual, 1);
        model.AddRow([1, 2], [1.0, 1.0], RowSense.LessOrEqual, 1);
        model.AddRow([0, 2], [1.0, 1.0], RowSense.LessOrEqual, 1.5);
        var pricing = new DualPricing(model);
        using var lp = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, [0, 1, 2], threads: 1);
        Assert.Equal(LpStatus.Optimal, lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None));
        lp.CopyRowDuals(pricing.Duals);
        // Minimizing: a binding <= row has a dual of at most zero.
        Assert.All(pricing.Duals, y => Assert.True(y <= 1e-9, $"dual {y} of a <= row"));
        Assert.Contains(pricing.Duals, y => y < -1e-6);
        var bound = pricing.Price();
        var highs = new double[3];
        lp.CopyReducedCosts(highs);
        for (var j = 0; j < 3; j++) Assert.Equal(highs[j], pricing.ReducedCost(j), 9);
        Assert.Equal(lp.Objective, bound, 9);
    }

    [Fact]
    public void A_restricted_lp_without_columns_is_optimal_at_zero_with_zero_duals_when_zero_keeps_every_row()
    {
        var model = new LinearModel("none yet");
        model.AddColumn(0, 1, 2, isInteger: true);
        model.AddRow([0], [1.0], RowSense.LessOrEqual, 1);
        var pricing = new DualPricing(model);
        using var lp = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, [], threads: 1);
        Assert.Equal(LpStatus.Optimal, lp.Solve(TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Equal(0, lp.Objective);
        pricing.Duals[0] = 7;
        lp.CopyRowDuals(pricing.Duals);
        Assert.Equal(0, pricing.Duals[0]);

        var covering = new LinearModel("cover");
        covering.AddColumn(0, 1, 2, isInteger: true);
        covering.AddRow([0], [1.0], RowSense.GreaterOrEqual, 1);
        var coverPricing = new DualPricing(covering);
        using var infeasible = new HighsRestrictedLinearProgram(covering, coverPricing.Matrix, coverPricing.Cost, [], threads: 1);
        Assert.Equal(LpStatus.Infeasible, infeasible.Solve(TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public void A_binding_greater_or_equal_row_of_a_minimization_has_a_positive_dual()
    {
        // min 2x + 3y, x + y >= 1, x, y in [0, 2]: at the optimum x = 1 lies strictly inside its bounds, so x is basic
        // and the covering row's dual is exactly 2 (with x <= 1 the vertex would be degenerate and any dual in [2, 3] optimal).
        var model = new LinearModel("cover");
        model.AddColumn(0, 2, 2, isInteger: true);
        model.AddColumn(0, 2, 3, isInteger: true);
        model.AddRow([0, 1], [1.0, 1.0], RowSense.GreaterOrEqual, 1);
        var pricing = new DualPricing(model);
        using var highs = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, [0, 1], threads: 1);
        Assert.Equal(LpStatus.Optimal, highs.Solve(TimeSpan.FromSeconds(10), CancellationToken.None));
        var fromHighs = new double[1];
        highs.CopyRowDuals(fromHighs);
        Assert.Equal(2, fromHighs[0], 9);
    }

    [Fact]
    public void Highs_gives_the_lp_optimum_cbc_gives_the_relaxation_and_its_duals_the_same_lagrangian_bound()
    {
        var (model, _) = SolverTestData.QuarterCorpsCriticalStage();
        var pricing = new DualPricing(model);
        var all = Enumerable.Range(0, model.ColumnCount).ToArray();
        using var highs = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, all, threads: 1);
        Assert.Equal(LpStatus.Optimal, highs.Solve(TimeSpan.FromSeconds(30), CancellationToken.None));
        // CBC solves a model without integer columns as a pure LP (with its own Clp): an independent LP engine.
        var relaxation = new Scrs.Matching.Solver.Cbc.CbcSolver().Solve(Relaxed(model), new MipOptions(TimeLimit: TimeSpan.FromSeconds(30)), CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, relaxation.Status);
        // The restricted LP minimizes the negated objective of a maximization, without the offset.
        var sign = model.Maximize ? -1 : 1;
        Assert.Equal(sign * (relaxation.Objective - model.ObjectiveOffset), highs.Objective, 4);
        highs.CopyRowDuals(pricing.Duals);
        Assert.Equal(highs.Objective, pricing.Price(), 4);
    }

    /// <summary>The model with every column continuous.</summary>
    private static LinearModel Relaxed(LinearModel model)
    {
        var relaxed = new LinearModel(model.Name) { Maximize = model.Maximize, ObjectiveOffset = model.ObjectiveOffset };
        for (var j = 0; j < model.ColumnCount; j++) relaxed.AddColumn(model.Lower(j), model.Upper(j), model.Objective(j), isInteger: false);
        for (var i = 0; i < model.RowCount; i++) relaxed.AddRow(model.RowColumns(i), model.RowCoefficients(i), model.Sense(i), model.Rhs(i));
        return relaxed;
    }

    [Fact]
    public void A_re_solve_keeps_the_last_basis_and_after_adding_columns_reaches_the_optimum_of_all_of_them()
    {
        var (model, start) = SolverTestData.QuarterCorpsCriticalStage();
        var pricing = new DualPricing(model);
        using var lp = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, pricing.Initial(start), threads: 1);
        Assert.Equal(LpStatus.Optimal, lp.Solve(TimeSpan.FromSeconds(30), CancellationToken.None));
        // Unchanged, the kept basis is optimal already: no iteration (a fresh start would presolve and iterate again).
        Assert.Equal(LpStatus.Optimal, lp.Solve(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(0, lp.Iterations);

        lp.CopyRowDuals(pricing.Duals);
        pricing.Price();
        var entering = pricing.Entering(5000);
        Assert.NotEmpty(entering);
        lp.Add(entering, pricing.Matrix);
        Assert.Equal(LpStatus.Optimal, lp.Solve(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(lp.Iterations > 0, "the added columns price out, so the basis must change");

        var columns = Enumerable.Range(0, model.ColumnCount).Where(j => pricing.InLinearProgram[j]).ToArray();
        using var cold = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, columns, threads: 1);
        Assert.Equal(LpStatus.Optimal, cold.Solve(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(cold.Objective, lp.Objective, 6);
    }

    [Fact]
    public void Cancelling_the_lp_interrupts_the_simplex()
    {
        var (model, _) = SolverTestData.QuarterCorpsCriticalStage();
        var pricing = new DualPricing(model);
        var all = Enumerable.Range(0, model.ColumnCount).ToArray();
        using var lp = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, all, threads: 1);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Equal(LpStatus.Stopped, lp.Solve(TimeSpan.FromSeconds(30), cancellation.Token));
        // A token that fires during the solve: the interrupt, not the end of the solve, returns (or it was too easy).
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var clock = Stopwatch.StartNew();
        var status = lp.Solve(TimeSpan.FromSeconds(30), soon.Token);
        Assert.True(status is LpStatus.Stopped or LpStatus.Optimal, status.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // It resumes to the optimum afterwards.
        Assert.Equal(LpStatus.Optimal, lp.Solve(TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public void A_cancelled_token_stops_highs_pricing_and_keeps_the_warm_start()
    {
        var (model, start) = PricingSolverTests.RandomProgram(12);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = Priced().Solve(model, NoStart with { WarmStart = start }, cancelled.Token);
        Assert.Equal(MipStatus.Cancelled, result.Status);
        Assert.Equal(start, result.Values);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void A_time_limit_that_runs_out_anywhere_in_highs_pricing_gives_a_status_not_an_error(int milliseconds)
    {
        var (model, start) = SolverTestData.QuarterCorpsCriticalStage();
        var options = NoStart with { TimeLimit = TimeSpan.FromMilliseconds(milliseconds), WarmStart = start };
        var result = Priced().Solve(model, options, CancellationToken.None);
        Assert.Contains(result.Status, new[] { MipStatus.Optimal, MipStatus.TimeLimit });
        Assert.NotNull(SolutionCheck.Accept(model, result.Values!, out _));
    }

    [Fact]
    public void Highs_pricing_with_two_threads_proves_the_quarter_corps_stage_like_clp_and_cbc()
    {
        var (model, start) = SolverTestData.QuarterCorpsCriticalStage();
        var options = NoStart with { WarmStart = start, Threads = 2 };
        var highs = Priced().Solve(model, options, CancellationToken.None);
        var cbc = new PricingSolver(new Scrs.Matching.Solver.Cbc.CbcSolver()).Solve(model, options, CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, cbc.Status);
        Assert.Equal(MipStatus.Optimal, highs.Status);
        Assert.Equal(cbc.Objective, highs.Objective);
    }
}
