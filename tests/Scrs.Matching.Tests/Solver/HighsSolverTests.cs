using System.Diagnostics;
using FsCheck.Xunit;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Tests.Solver;

public class HighsSolverTests : MipSolverContract
{
    private protected override IMipSolver Solver { get; } = new HighsSolver();

    private protected override bool LogShowsTheWarmStartAccepted(IReadOnlyList<string> log, double objective) =>
        log.Contains($"MIP start solution is feasible, objective value is {objective}");

    [Fact]
    public void HighsInt_is_32_bits_in_the_shipped_library_as_the_imports_declare()
    {
        NativeLibraries.EnsureLoaded(NativeLibraries.Highs);
        using var highs = HighsApi.Create();
        Assert.Equal(sizeof(int), HighsApi.GetSizeofHighsInt(highs));
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
    public void A_warm_start_that_breaks_a_row_is_refused_and_the_optimum_still_found()
    {
        // Two disjoint triangles of pairwise exclusions, optimum 2; the start picks two columns of one triangle.
        var model = SolverTestData.Triangles();
        var log = new List<string>();
        var result = Solve(model, new MipOptions(WarmStart: [1, 1, 0, 0, 0, 0], Log: log.Add));
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(2, result.Objective);
        AssertFeasible(model, result);
        Assert.DoesNotContain(log, line => line.StartsWith("MIP start solution is feasible", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_target_stops_the_search_at_the_first_solution_reaching_it(bool maximize)
    {
        // A hard instance (optimum 6,353, minimized) that the search does not prove quickly; a target above the optimum
        // is reached by an early incumbent. Maximized, the same with the objective negated.
        var model = SolverTestData.HardGap();
        if (maximize)
        {
            model.Maximize = true;
            for (var j = 0; j < model.ColumnCount; j++) model.SetObjective(j, -model.Objective(j));
        }
        var target = maximize ? -7000 : 7000;
        var result = Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(60)) { Target = target });
        Assert.Equal(MipStatus.TargetReached, result.Status);
        Assert.True(maximize ? result.Objective >= target : result.Objective <= target, $"objective {result.Objective}, target {target}");
        AssertFeasible(model, result);
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
