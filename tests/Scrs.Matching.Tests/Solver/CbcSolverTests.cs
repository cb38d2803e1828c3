using System.Diagnostics;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;

namespace Scrs.Matching.Tests.Solver;

public class CbcSolverTests
{
    private static readonly CbcSolver Solver = new();
    private static readonly Lazy<(LinearModel Model, double[] Start)> QuarterCorps = new(SolverTestData.QuarterCorpsCriticalStage);

    private static MipSolution Solve(LinearModel model, MipOptions? options = null, CancellationToken token = default) =>
        Solver.Solve(model, options ?? new MipOptions(), token);

    /// <summary>What every returned solution must satisfy, checked here independently of the solver.</summary>
    private static void AssertFeasible(LinearModel model, MipSolution solution)
    {
        Assert.NotNull(solution.Values);
        Assert.NotNull(SolutionCheck.Accept(model, solution.Values, out var violation));
        Assert.Null(violation);
        Assert.Equal(model.Evaluate(solution.Values), solution.Objective, 9);
    }

    [Fact]
    public void Maximize_with_offset_finds_the_known_optimum()
    {
        var model = SolverTestData.SmallMaximize();
        var result = Solve(model);
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
    public void Pure_linear_program_is_solved_by_the_lp_path()
    {
        var model = new LinearModel("lp") { Maximize = true };
        var a = model.AddColumn(0, double.PositiveInfinity, 1, isInteger: false);
        var b = model.AddColumn(0, double.PositiveInfinity, 1, isInteger: false);
        model.AddRow([a, b], [1, 2], RowSense.LessOrEqual, 4);
        model.AddRow([a, b], [3, 1], RowSense.LessOrEqual, 6);
        var result = Solve(model);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(2.8, result.Objective, 6);
        AssertFeasible(model, result);
    }

    [Fact]
    public void Warm_start_is_accepted_by_cbc()
    {
        var model = SolverTestData.Gap("cattrysse1994/gap12-0").ToModel("gap12-0");
        var first = Solve(model);
        Assert.Equal(MipStatus.Optimal, first.Status);

        var log = new List<string>();
        var warm = Solve(model, new MipOptions(WarmStart: first.Values, Log: log.Add));
        Assert.Equal(MipStatus.Optimal, warm.Status);
        Assert.Equal(first.Objective, warm.Objective);
        // Cbc0045: "MIPStart provided solution with cost ..."
        Assert.Contains(log, line => line.StartsWith("Cbc0045", StringComparison.Ordinal) && line.EndsWith($" {first.Objective}", StringComparison.Ordinal));
    }

    [Fact]
    public void Warm_start_integer_values_are_kept_as_given_not_re_optimized()
    {
        // Two disjoint triangles of pairwise exclusions: one pick per triangle is optimal (2). The start picks only
        // in the first; if CBC fixed just the nonzero start values, its LP would set the second triangle to 1/2 each.
        var model = new LinearModel("triangles") { Maximize = true };
        var x = Enumerable.Range(0, 6).Select(_ => model.AddColumn(0, 1, 1, isInteger: true)).ToArray();
        foreach (var t in new[] { 0, 3 })
        {
            model.AddRow([x[t], x[t + 1]], [1, 1], RowSense.LessOrEqual, 1);
            model.AddRow([x[t + 1], x[t + 2]], [1, 1], RowSense.LessOrEqual, 1);
            model.AddRow([x[t], x[t + 2]], [1, 1], RowSense.LessOrEqual, 1);
        }
        var log = new List<string>();
        var result = Solve(model, new MipOptions(WarmStart: [1, 0, 0, 0, 0, 0], Log: log.Add));
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(2, result.Objective);
        // Cbc0045 reports the start CBC accepted: exactly the one given (cost 1), not one CBC completed or dropped.
        var starts = log.Where(line => line.StartsWith("Cbc0045", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Cbc0045 MIPStart provided solution with cost 1"], starts);
    }

    [Theory]
    [InlineData(0.75)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(2.0)]
    public void Time_limit_inside_cbc_preprocessing_with_a_warm_start_returns_the_start_or_better(double seconds)
    {
        // Regression: with CBC's preprocessing on, each of these limits ended it between passes and the process died
        // of SIGSEGV in CglPreProcess::postProcess (demo with --time-limit 20 likewise, on the full corps).
        var (model, start) = QuarterCorps.Value;
        var result = Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(seconds), WarmStart: start));
        Assert.Contains(result.Status, new[] { MipStatus.TimeLimit, MipStatus.Optimal });
        AssertFeasible(model, result);
        Assert.True(result.Objective >= model.Evaluate(start), $"objective {result.Objective} below the start's {model.Evaluate(start)}");
        Assert.True(double.IsNaN(result.Bound) || result.Bound >= result.Objective - 1e-6, $"bound {result.Bound} below {result.Objective}");
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
    public void Cancelling_a_hard_solve_returns_cancelled_promptly_with_a_checked_incumbent_or_none()
    {
        var model = SolverTestData.HardGap();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var result = Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(120)), cancellation.Token);
        Assert.Equal(MipStatus.Cancelled, result.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"returned {clock.Elapsed} after the start");
        Assert.True(double.IsNaN(result.Bound));
        if (result.HasSolution) AssertFeasible(model, result);
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

    [Fact]
    public async Task Concurrent_solves_from_parallel_tasks_are_all_correct()
    {
        // Without the process-wide lock, 3 of 60 such solves failed on this build.
        var optima = SolverTestData.GapOptima();
        string[] instances = ["cattrysse1994/gap8-0", "cattrysse1994/gap9-1", "cattrysse1994/gap5-4", "cattrysse1994/gap6-1"];
        var tasks = instances.Concat(instances).Select(path => Task.Run(() =>
        {
            var model = SolverTestData.Gap(path).ToModel(path);
            return (path, model, result: Solve(model));
        })).ToArray();
        foreach (var (path, model, result) in await Task.WhenAll(tasks))
        {
            Assert.True(result.Status == MipStatus.Optimal, $"{path}: {result.Status}");
            Assert.Equal(optima[path], result.Objective);
            AssertFeasible(model, result);
        }
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_the_solve_lock_returns_cancelled()
    {
        using var blocker = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var busy = Task.Run(() => Solve(SolverTestData.HardGap(), new MipOptions(TimeLimit: TimeSpan.FromSeconds(30)), blocker.Token));
        await Task.Delay(500);
        using var waiting = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        var result = Solve(SolverTestData.SmallMaximize(), token: waiting.Token);
        var waited = clock.Elapsed;
        await busy;
        Assert.Equal(MipStatus.Cancelled, result.Status);
        Assert.True(waited < TimeSpan.FromSeconds(1.5), $"waited {waited}");
    }
}
