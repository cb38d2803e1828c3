using System.Diagnostics;
using FsCheck.Xunit;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Tests.Solver;

public class HighsSolverTests
{
    private static readonly HighsSolver Solver = new();

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
    public void HighsInt_is_32_bits_in_the_shipped_library_as_the_imports_declare()
    {
        NativeLibraries.EnsureLoaded(NativeLibraries.Highs);
        using var highs = HighsApi.Create();
        Assert.Equal(sizeof(int), HighsApi.GetSizeofHighsInt(highs));
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
        Assert.Equal(23, result.Bound, 6);
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
    public void A_model_without_columns_is_optimal_at_its_offset()
    {
        var model = new LinearModel("empty") { ObjectiveOffset = 4 };
        var result = Solve(model);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(4, result.Objective);
    }

    [Fact]
    public void Warm_start_is_accepted_by_highs_as_the_first_incumbent()
    {
        var model = SolverTestData.Gap("cattrysse1994/gap8-0").ToModel("gap8-0");
        var first = Solve(model);
        Assert.Equal(MipStatus.Optimal, first.Status);

        var log = new List<string>();
        var warm = Solve(model, new MipOptions(WarmStart: first.Values, Log: log.Add));
        Assert.Equal(MipStatus.Optimal, warm.Status);
        Assert.Equal(first.Objective, warm.Objective);
        Assert.Contains($"MIP start solution is feasible, objective value is {first.Objective}", log);
    }

    [Fact]
    public void A_warm_start_that_breaks_a_row_is_refused_and_the_optimum_still_found()
    {
        // Two disjoint triangles of pairwise exclusions, optimum 2; the start picks two columns of one triangle.
        var model = new LinearModel("triangles") { Maximize = true };
        var x = Enumerable.Range(0, 6).Select(_ => model.AddColumn(0, 1, 1, isInteger: true)).ToArray();
        foreach (var t in new[] { 0, 3 })
        {
            model.AddRow([x[t], x[t + 1]], [1, 1], RowSense.LessOrEqual, 1);
            model.AddRow([x[t + 1], x[t + 2]], [1, 1], RowSense.LessOrEqual, 1);
            model.AddRow([x[t], x[t + 2]], [1, 1], RowSense.LessOrEqual, 1);
        }
        var log = new List<string>();
        var result = Solve(model, new MipOptions(WarmStart: [1, 1, 0, 0, 0, 0], Log: log.Add));
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(2, result.Objective);
        AssertFeasible(model, result);
        Assert.DoesNotContain(log, line => line.StartsWith("MIP start solution is feasible", StringComparison.Ordinal));
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
    public void Zero_time_limit_returns_time_limit_without_solving()
    {
        var result = Solve(SolverTestData.SmallMaximize(), new MipOptions(TimeLimit: TimeSpan.Zero));
        Assert.Equal(MipStatus.TimeLimit, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void Cancelling_a_hard_solve_returns_cancelled_promptly_with_a_valid_bound_and_a_checked_incumbent_or_none()
    {
        var model = SolverTestData.HardGap();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var result = Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(120)), cancellation.Token);
        Assert.Equal(MipStatus.Cancelled, result.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"returned {clock.Elapsed} after the start");
        // Unlike CBC's cancelling cut, HiGHS's interrupt leaves the dual bound valid.
        Assert.True(double.IsNaN(result.Bound) || result.Bound <= 6353 + 1e-6, $"bound {result.Bound} above the known optimum 6353");
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

    [Fact]
    public void Solves_with_different_thread_counts_one_after_another_on_one_thread_all_succeed()
    {
        // Regression guard: HiGHS refuses a thread count that differs from the running scheduler of the calling thread;
        // each solve destroys its instance, and with it that scheduler, before the next starts.
        var model = SolverTestData.Gap("cattrysse1994/gap5-0").ToModel("gap5-0");
        foreach (var threads in new[] { 2, 1, 2, 1 })
        {
            var result = Solve(model, new MipOptions(Threads: threads));
            Assert.True(result.Status == MipStatus.Optimal, $"threads {threads}: {result.Status}");
            Assert.Equal(403, result.Objective);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Same_seed_and_thread_count_give_the_same_solution(int threads)
    {
        var model = SolverTestData.Gap("cattrysse1994/gap9-1").ToModel("gap9-1");
        var options = new MipOptions(Threads: threads, Seed: 7);
        var first = Solve(model, options);
        Assert.Equal(MipStatus.Optimal, first.Status);
        for (var run = 0; run < 3; run++)
        {
            var again = Solve(model, options);
            Assert.Equal(first.Values, again.Values);
            Assert.Equal(first.Nodes, again.Nodes);
        }
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

    [Property(MaxTest = 60)]
    public void Random_small_mips_get_the_same_proven_optimum_from_highs_as_from_cbc(int seed)
    {
        var (model, _) = PricingSolverTests.RandomProgram(seed);
        var options = new MipOptions(TimeLimit: TimeSpan.FromSeconds(30));
        var highs = Solve(model, options);
        var cbc = new CbcSolver().Solve(model, options, CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, cbc.Status);
        Assert.Equal(MipStatus.Optimal, highs.Status);
        Assert.Equal(cbc.Objective, highs.Objective, 6);
        Assert.Equal(highs.Objective, highs.Bound, 6);
        AssertFeasible(model, highs);
    }
}
