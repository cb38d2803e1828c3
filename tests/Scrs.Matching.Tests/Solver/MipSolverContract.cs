using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

/// <summary>
/// What every <see cref="IMipSolver"/> backend must do, whatever the solver behind it: known optima, statuses, options.
/// Each backend's test class derives from it and adds what is particular to that backend.
/// </summary>
public abstract class MipSolverContract
{
    private protected abstract IMipSolver Solver { get; }

    private protected MipSolution Solve(LinearModel model, MipOptions? options = null, CancellationToken token = default) =>
        Solver.Solve(model, options ?? new MipOptions(), token);

    /// <summary>Whether the solver's <paramref name="log"/> says it took the warm start, of <paramref name="objective"/>, as its incumbent.</summary>
    private protected abstract bool LogShowsTheWarmStartAccepted(IReadOnlyList<string> log, double objective);

    /// <summary>What every returned solution must satisfy, checked here independently of the solver.</summary>
    private protected static void AssertFeasible(LinearModel model, MipSolution solution)
    {
        Assert.NotNull(solution.Values);
        Assert.NotNull(SolutionCheck.Accept(model, solution.Values, out var violation));
        Assert.Null(violation);
        Assert.Equal(model.Evaluate(solution.Values), solution.Objective, 9);
    }

    [Fact]
    public void Maximize_with_offset_finds_the_known_optimum()
    {
        var result = Solve(SolverTestData.SmallMaximize());
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(27, result.Objective, 9);
        Assert.Equal(27, result.Bound, 6);
        Assert.Equal([4.0, 0.0], result.Values!);
    }

    [Fact]
    public void Minimize_with_equality_row_continuous_column_and_offset_finds_the_known_optimum()
    {
        var model = SolverTestData.SmallMinimizeWithEquality();
        var result = Solve(model);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(23, result.Objective, 6);
        AssertFeasible(model, result);
        Assert.Equal([6.0, 3.0, 1.0], result.Values!.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void Contradictory_rows_are_infeasible()
    {
        var model = new LinearModel("infeasible");
        var x = model.AddColumn(0, 10, 1, isInteger: true);
        var y = model.AddColumn(0, 10, 1, isInteger: true);
        model.AddRow([x, y], [1, 1], RowSense.GreaterOrEqual, 3);
        model.AddRow([x, y], [1, 1], RowSense.LessOrEqual, 2);
        var result = Solve(model);
        Assert.Equal(MipStatus.Infeasible, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void Integer_infeasible_but_fractionally_feasible_model_is_infeasible()
    {
        var model = new LinearModel("parity");
        var x = model.AddColumn(0, 10, 1, isInteger: true);
        model.AddRow([x], [2], RowSense.Equal, 1);
        Assert.Equal(MipStatus.Infeasible, Solve(model).Status);
    }

    [Fact]
    public void Pure_linear_program_is_solved_with_its_optimum_as_the_bound()
    {
        var model = new LinearModel("lp") { Maximize = true, ObjectiveOffset = 1 };
        var a = model.AddColumn(0, double.PositiveInfinity, 1, isInteger: false);
        var b = model.AddColumn(0, double.PositiveInfinity, 1, isInteger: false);
        model.AddRow([a, b], [1, 2], RowSense.LessOrEqual, 4);
        model.AddRow([a, b], [3, 1], RowSense.LessOrEqual, 6);
        var result = Solve(model);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(3.8, result.Objective, 6);
        Assert.Equal(3.8, result.Bound, 6);
        AssertFeasible(model, result);
    }

    [Fact]
    public void Warm_start_is_accepted_as_the_first_incumbent()
    {
        var model = SolverTestData.Gap("cattrysse1994/gap8-0").ToModel("gap8-0");
        var first = Solve(model);
        Assert.Equal(MipStatus.Optimal, first.Status);

        var log = new List<string>();
        var warm = Solve(model, new MipOptions(WarmStart: first.Values, Log: log.Add));
        Assert.Equal(MipStatus.Optimal, warm.Status);
        Assert.Equal(first.Objective, warm.Objective);
        Assert.True(LogShowsTheWarmStartAccepted(log, first.Objective), string.Join("\n", log));
    }

    [Fact]
    public void Tiny_time_limit_on_a_hard_instance_stops_with_a_bound_and_a_checked_incumbent_or_none()
    {
        var model = SolverTestData.HardGap();
        var result = Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(0.5)));
        Assert.Equal(MipStatus.TimeLimit, result.Status);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10), $"took {result.Elapsed}");
        Assert.False(double.IsNaN(result.Bound));
        Assert.True(result.Bound <= 6353 + 1e-6, $"bound {result.Bound} above the known optimum 6353");
        if (result.HasSolution)
        {
            AssertFeasible(model, result);
            Assert.True(result.Objective >= result.Bound - 1e-6);
        }
    }

    [Fact]
    public void Already_cancelled_token_returns_cancelled_without_solving()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var result = Solve(SolverTestData.SmallMaximize(), token: cancellation.Token);
        Assert.Equal(MipStatus.Cancelled, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void Cancellable_token_that_is_never_cancelled_does_not_change_the_optimum()
    {
        using var cancellation = new CancellationTokenSource();
        var result = Solve(SolverTestData.SmallMinimizeWithEquality(), token: cancellation.Token);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(23, result.Objective, 6);
    }

    [Fact]
    public void Relative_gap_stops_early_with_gap_reached_or_proves_optimality()
    {
        var model = SolverTestData.HardGap();
        var result = Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(60), RelativeGap: 0.02));
        Assert.Contains(result.Status, new[] { MipStatus.GapReached, MipStatus.Optimal });
        AssertFeasible(model, result);
        Assert.True((result.Objective - result.Bound) / Math.Max(1, Math.Abs(result.Objective)) <= 0.02 + 1e-9);
    }

    [Fact]
    public void Two_threads_and_a_seed_still_find_the_optimum()
    {
        var model = SolverTestData.Gap("cattrysse1994/gap5-0").ToModel("gap5-0");
        var result = Solve(model, new MipOptions(Threads: 2, Seed: 42));
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(403, result.Objective);
    }

    [Theory]
    [InlineData("TimeLimit")]
    [InlineData("RelativeGap")]
    [InlineData("Threads")]
    [InlineData("Seed")]
    [InlineData("WarmStart")]
    public void Invalid_options_are_rejected_naming_the_option(string option)
    {
        var options = option switch
        {
            "TimeLimit" => new MipOptions(TimeLimit: TimeSpan.FromSeconds(-1)),
            "RelativeGap" => new MipOptions(RelativeGap: 1),
            "Threads" => new MipOptions(Threads: 0),
            "Seed" => new MipOptions(Seed: -3),
            _ => new MipOptions(WarmStart: [1.0]),
        };
        var error = Assert.Throws<ArgumentException>(() => Solve(SolverTestData.SmallMaximize(), options));
        Assert.Contains($"MipOptions.{option}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_relative_gap_and_nan_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Solve(SolverTestData.SmallMaximize(), new MipOptions(RelativeGap: -0.1)));
        Assert.Throws<ArgumentException>(() => Solve(SolverTestData.SmallMaximize(), new MipOptions(RelativeGap: double.NaN)));
    }
}
