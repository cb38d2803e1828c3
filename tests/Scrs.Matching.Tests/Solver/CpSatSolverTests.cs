using FsCheck.Xunit;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;
using Scrs.Matching.Solver.CpSat;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Pricing;
using static Scrs.Matching.Tests.Solver.SolutionAssert;

namespace Scrs.Matching.Tests.Solver;

public class CpSatSolverTests
{
    private static readonly CpSatSolver Solver = new();

    /// <summary>Generous: a solve that has not returned by then is hung (for example deadlocked in StopSearch).</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(60);

    private static MipSolution Solve(LinearModel model, MipOptions? options = null, CancellationToken token = default) =>
        Solver.Solve(model, options ?? new MipOptions(), token);

    /// <summary>max 5x + 4y + 7 s.t. 6x + 4y &lt;= 24, x + 2y &lt;= 6, x, y integer in [0, 10]: optimum 27 at (4, 0).</summary>
    private static LinearModel BoundedMaximize()
    {
        var model = new LinearModel("bounded max") { Maximize = true, ObjectiveOffset = 7 };
        var x = model.AddColumn(0, 10, 5, isInteger: true);
        var y = model.AddColumn(0, 10, 4, isInteger: true);
        model.AddRow([x, y], [6, 4], RowSense.LessOrEqual, 24);
        model.AddRow([x, y], [1, 2], RowSense.LessOrEqual, 6);
        return model;
    }

    /// <summary>
    /// A generalized assignment problem of type D (costs fall as weights rise, tight capacities), which takes CP-SAT far
    /// longer than any test should wait: for time limits and cancellation.
    /// </summary>
    internal static LinearModel HardAssignment(int seed = 1, int items = 60, int agents = 5)
    {
        var random = new Random(seed);
        var model = new LinearModel($"gap-d {seed}");
        var weights = new int[agents, items];
        var total = 0;
        for (var a = 0; a < agents; a++)
        {
            for (var i = 0; i < items; i++)
            {
                weights[a, i] = random.Next(1, 101);
                total += weights[a, i];
                model.AddColumn(0, 1, 111 - weights[a, i] + random.Next(-10, 11), isInteger: true);
            }
        }
        for (var i = 0; i < items; i++)
            model.AddRow([.. Enumerable.Range(0, agents).Select(a => a * items + i)], [.. Enumerable.Repeat(1.0, agents)], RowSense.Equal, 1);
        var capacity = Math.Round(0.8 * total / agents / agents);
        for (var a = 0; a < agents; a++)
            model.AddRow([.. Enumerable.Range(a * items, items)], [.. Enumerable.Range(0, items).Select(i => (double)weights[a, i])], RowSense.LessOrEqual, capacity);
        return model;
    }

    /// <summary>
    /// A random small MIP: 2-7 integer columns with finite bounds, 1-5 rows of every sense, an offset, either direction,
    /// and sometimes a continuous column defined by an equality row (implied integer, as the roster's auxiliary columns are).
    /// </summary>
    internal static LinearModel RandomMip(int seed)
    {
        var random = new Random(seed);
        var model = new LinearModel($"random {seed}") { Maximize = random.Next(2) == 0, ObjectiveOffset = random.Next(-5, 6) };
        var n = random.Next(2, 8);
        for (var j = 0; j < n; j++)
        {
            var lower = random.Next(-2, 2);
            model.AddColumn(lower, lower + random.Next(0, 5), random.Next(-6, 7), isInteger: true);
        }
        if (random.Next(2) == 0)
        {
            var members = Enumerable.Range(0, n).Where(_ => random.Next(2) == 0).ToArray();
            var aux = model.AddColumn(-100, 100, random.Next(-3, 4), isInteger: false);
            model.AddRow([aux, .. members], [1, .. members.Select(_ => -(double)random.Next(1, 3))], RowSense.Equal, 0);
            model.AddRow([aux], [1], RowSense.LessOrEqual, random.Next(0, 6));
        }
        var rows = random.Next(1, 6);
        for (var i = 0; i < rows; i++)
        {
            var columns = Enumerable.Range(0, model.ColumnCount).Where(_ => random.Next(3) > 0).ToArray();
            if (columns.Length == 0) continue;
            var sense = (RowSense)"LGE"[random.Next(3)];
            // Quarter and half coefficients exercise the scaling of decimal rows.
            model.AddRow(columns, [.. columns.Select(_ => random.Next(-8, 9) / (random.Next(3) == 0 ? 4.0 : 1.0))], sense,
                random.Next(-6, 10) / (random.Next(4) == 0 ? 2.0 : 1.0));
        }
        return model;
    }

    [Fact]
    public void Maximize_with_offset_finds_the_known_optimum_and_its_bound()
    {
        AssertProven(Solve(BoundedMaximize()), 27, [4.0, 0.0]);
    }

    [Fact]
    public void A_continuous_column_fixed_by_an_equality_row_is_solved_as_an_integer_with_the_same_optimum()
    {
        // min 3a + 2b + 4c - 5 s.t. a + b + c = 10, a - b >= 2, c in [1, 5] continuous: optimum 23 at (6, 3, 1).
        var model = new LinearModel("implied") { ObjectiveOffset = -5 };
        var a = model.AddColumn(0, 10, 3, isInteger: true);
        var b = model.AddColumn(0, 10, 2, isInteger: true);
        var c = model.AddColumn(1, 5, 4, isInteger: false);
        model.AddRow([a, b, c], [1, 1, 1], RowSense.Equal, 10);
        model.AddRow([a, b], [1, -1], RowSense.GreaterOrEqual, 2);
        AssertProven(Solve(model), 23, [6.0, 3.0, 1.0]);
        Assert.Equal(MipStatus.Optimal, new CbcSolver().Solve(model, new MipOptions(), default).Status);
    }

    [Fact]
    public void A_continuous_column_that_no_equality_makes_integral_is_refused_as_failed()
    {
        // max x + c, x + 2c <= 3: the optimum (c = 1.5) is not integral, so CP-SAT must not be asked.
        var model = new LinearModel("continuous") { Maximize = true };
        var x = model.AddColumn(0, 0, 1, isInteger: true);
        var c = model.AddColumn(0, 5, 1, isInteger: false);
        model.AddRow([x, c], [1, 2], RowSense.LessOrEqual, 3);
        Assert.Equal(MipStatus.Failed, Solve(model).Status);
    }

    [Fact]
    public void Decimal_rows_and_objective_are_scaled_exactly()
    {
        // max 0.1x + 0.25y s.t. 0.5x + 0.25y <= 1.75 (2x + y <= 7), x, y in [0, 10]: optimum 1.75 at (0, 7).
        var model = new LinearModel("decimal") { Maximize = true };
        var x = model.AddColumn(0, 10, 0.1, isInteger: true);
        var y = model.AddColumn(0, 10, 0.25, isInteger: true);
        model.AddRow([x, y], [0.5, 0.25], RowSense.LessOrEqual, 1.75);
        AssertProven(Solve(model), 1.75, [0.0, 7.0]);
    }

    [Fact]
    public void Coefficients_read_as_fractions_are_scaled_exactly()
    {
        // Regression: a share of 1/3 (0.3333333333333333, no decimal of 9 places) was refused, and the planner threw.
        // max x + y s.t. x/3 + 2y/7 <= 1, x and y integer in [0, 3]: scaled by 21, 7x + 6y <= 21; optimum 3.
        var model = new LinearModel("thirds") { Maximize = true };
        var x = model.AddColumn(0, 3, 1, isInteger: true);
        var y = model.AddColumn(0, 3, 1, isInteger: true);
        model.AddRow([x, y], [1.0 / 3, 2.0 / 7], RowSense.LessOrEqual, 1);
        var cpsat = Solve(model);
        var cbc = new CbcSolver().Solve(model, new MipOptions(), CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, cpsat.Status);
        Assert.Equal(3, cpsat.Objective, 9);
        Assert.Equal(cbc.Objective, cpsat.Objective, 9);
    }

    [Fact]
    public void Coefficients_that_are_no_short_decimal_nor_simple_fraction_are_refused_as_failed()
    {
        var model = new LinearModel("pi");
        var x = model.AddColumn(0, 3, 1, isInteger: true);
        model.AddRow([x], [Math.PI / 10], RowSense.LessOrEqual, 1);
        Assert.Equal(MipStatus.Failed, Solve(model).Status);
    }

    [Fact]
    public void A_cut_with_such_coefficients_is_left_out_since_the_integer_solutions_keep_it()
    {
        // The pricing's Gomory cuts have coefficients like these; a cut is implied by the other rows, so CP-SAT may skip it.
        var model = SolverTestData.Triangles();
        model.AddCut([0, 1, 2], [-Math.PI / 10, -Math.PI / 10, -Math.PI / 10], -Math.PI / 10);
        Assert.True(model.IsCut(model.RowCount - 1));
        var result = Solve(model);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(2, result.Objective, 9);
    }

    [Fact]
    public void An_infinite_bound_is_refused_as_failed() =>
        Assert.Equal(MipStatus.Failed, Solve(SolverTestData.SmallMaximize()).Status);

    [Fact]
    public void Contradictory_rows_and_parity_are_infeasible()
    {
        var model = new LinearModel("infeasible");
        var x = model.AddColumn(0, 10, 1, isInteger: true);
        var y = model.AddColumn(0, 10, 1, isInteger: true);
        model.AddRow([x, y], [1, 1], RowSense.GreaterOrEqual, 3);
        model.AddRow([x, y], [1, 1], RowSense.LessOrEqual, 2);
        Assert.Equal(MipStatus.Infeasible, Solve(model).Status);

        var parity = new LinearModel("parity");
        var a = parity.AddColumn(0, 10, 1, isInteger: true);
        var b = parity.AddColumn(0, 10, 1, isInteger: true);
        parity.AddRow([a, b], [2, 2], RowSense.Equal, 3);
        var result = Solve(parity);
        Assert.Equal(MipStatus.Infeasible, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void A_model_without_objective_is_optimal_at_its_offset()
    {
        var model = new LinearModel("feasibility") { ObjectiveOffset = 4 };
        var x = model.AddColumn(0, 3, 0, isInteger: true);
        model.AddRow([x], [1], RowSense.GreaterOrEqual, 2);
        var result = Solve(model);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(4, result.Objective);
        Assert.Equal(4, result.Bound);
    }

    [Fact]
    public void A_warm_start_is_the_first_solution()
    {
        // The start is a costly assignment (found by maximizing the cost): CP-SAT's own first solution is far cheaper,
        // so the first solution reported is the start only if the hint is used.
        var model = HardAssignment();
        var costly = HardAssignment();
        costly.Maximize = true;
        var start = Solve(costly, new MipOptions(TimeLimit: Hung, RelativeGap: 0.5));
        AssertFeasible(model, start);
        var expected = $"cpsat solution {model.Evaluate(start.Values):R} ";

        var unhinted = new List<string>();
        Solve(model, new MipOptions(TimeLimit: Hung, RelativeGap: 0.5, Progress: unhinted.Add));
        Assert.DoesNotContain(expected, unhinted[0], StringComparison.Ordinal);
        var hinted = new List<string>();
        var result = Solve(model, new MipOptions(TimeLimit: Hung, RelativeGap: 0.5, WarmStart: start.Values, Progress: hinted.Add));
        Assert.StartsWith(expected, hinted[0], StringComparison.Ordinal);
        Assert.True(result.Objective <= model.Evaluate(start.Values!));
    }

    [Fact]
    public void The_hint_gives_every_column_its_rounded_value()
    {
        var translated = CpSatModel.Build(BoundedMaximize());
        translated.SetHint([3.9999999, 0.0000001]);
        var hint = translated.Model.Model.SolutionHint;
        Assert.Equal([0, 1], hint.Vars);
        Assert.Equal([4L, 0L], hint.Values);
    }

    [Fact]
    public void A_relative_gap_stops_early_as_gap_reached_or_proves_optimal()
    {
        var model = HardAssignment();
        var result = Solve(model, new MipOptions(TimeLimit: Hung, RelativeGap: 0.2));
        Assert.True(result.Status is MipStatus.GapReached or MipStatus.Optimal, $"{result.Status}");
        AssertFeasible(model, result);
        Assert.True(Math.Abs(result.Objective - result.Bound) <= 0.2 * Math.Max(1, Math.Abs(result.Objective)) + 1e-9,
            $"objective {result.Objective} bound {result.Bound}");
    }

    [Fact]
    public void A_time_limit_stops_a_hard_model_with_a_valid_bound()
    {
        var model = HardAssignment();
        var result = Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(1)));
        Assert.Equal(MipStatus.TimeLimit, result.Status);
        if (result.HasSolution)
        {
            AssertFeasible(model, result);
            Assert.True(result.Bound <= result.Objective + 1e-9, $"bound {result.Bound} above objective {result.Objective}");
        }
    }

    [Fact]
    public void A_token_cancelled_before_the_solve_returns_cancelled_at_once()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Equal(MipStatus.Cancelled, Solve(HardAssignment(), token: source.Token).Status);
    }

    [Fact]
    public async Task Cancelling_at_any_moment_of_a_hard_solve_returns_cancelled_without_deadlock()
    {
        // Early delays land in CP-SAT's presolve, before its search exists (where a single StopSearch is lost); later
        // ones in the search. Each solve runs on its own thread so that a hang fails the test instead of stalling it.
        var model = HardAssignment();
        foreach (var delay in new[] { 0, 1, 3, 10, 30, 100, 300 })
        {
            using var source = new CancellationTokenSource();
            var solve = Task.Run(() => Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(120)), source.Token));
            await Task.Delay(delay);
            source.Cancel();
            // WaitAsync throws TimeoutException when the solve hangs.
            var result = await solve.WaitAsync(Hung);
            Assert.Equal(MipStatus.Cancelled, result.Status);
            if (result.HasSolution) AssertFeasible(model, result);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_same_seed_and_worker_count_give_the_same_answer_whatever_else_runs(int workers)
    {
        // Many optimal assignments of equal cost: which one is returned shows any nondeterminism. The repeats run while
        // other solves load the machine.
        var model = HardAssignment(seed: 7, items: 16, agents: 4);
        var options = new MipOptions(TimeLimit: Hung, Threads: workers, Seed: 3);
        var reference = Solve(model, options);
        Assert.Equal(MipStatus.Optimal, reference.Status);
        var repeats = new MipSolution[4];
        using var load = new CancellationTokenSource();
        var noise = Task.Run(() =>
        {
            while (!load.IsCancellationRequested) Solve(HardAssignment(seed: 9, items: 20, agents: 4), new MipOptions(TimeLimit: Hung), load.Token);
        });
        Parallel.For(0, repeats.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r => repeats[r] = Solve(model, options));
        load.Cancel();
        await noise.WaitAsync(Hung);
        foreach (var repeat in repeats)
        {
            Assert.Equal(MipStatus.Optimal, repeat.Status);
            Assert.Equal(reference.Values!, repeat.Values!);
        }
    }

    [Property(MaxTest = 150)]
    public void Random_small_mips_have_the_same_status_and_optimum_as_cbc(int seed)
    {
        var model = RandomMip(seed);
        var cbc = new CbcSolver().Solve(model, new MipOptions(), default);
        var cpsat = Solve(model);
        Assert.True(cbc.Status == cpsat.Status, $"seed {seed}: cbc {cbc.Status}, cpsat {cpsat.Status}");
        if (cpsat.Status != MipStatus.Optimal) return;
        AssertFeasible(model, cpsat);
        Assert.Equal(cbc.Objective, cpsat.Objective, 6);
        Assert.Equal(cpsat.Objective, cpsat.Bound, 6);
    }

    [Fact]
    public void Parallel_solves_on_many_threads_give_the_sequential_answers()
    {
        // Independent CpSolver instances on parallel threads: any shared native state that leaks between them would show
        // as a different status, optimum or solution (one worker each, so every solve is deterministic).
        var models = Enumerable.Range(0, 12).Select(s => s % 3 == 0 ? HardAssignment(seed: s, items: 14, agents: 3) : RandomMip(1000 + s)).ToArray();
        var sequential = models.Select(m => Solve(m)).ToArray();
        var runs = Enumerable.Range(0, 4 * models.Length).ToArray();
        var parallel = new MipSolution[runs.Length];
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, r => parallel[r] = Solve(models[r % models.Length]));
        for (var r = 0; r < runs.Length; r++)
        {
            var expected = sequential[r % models.Length];
            Assert.Equal(expected.Status, parallel[r].Status);
            Assert.Equal(expected.Values, parallel[r].Values);
            if (expected.HasSolution) Assert.Equal(expected.Objective, parallel[r].Objective);
        }
    }

    [Fact]
    public void The_log_receives_cp_sat_lines_and_progress_receives_solutions()
    {
        var lines = new List<string>();
        var progress = new List<string>();
        var result = Solve(BoundedMaximize(), new MipOptions(Log: lines.Add, Progress: progress.Add));
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Contains(lines, l => l.Contains("CP-SAT", StringComparison.Ordinal));
        Assert.NotEmpty(progress);
        Assert.Contains("cpsat solution 27", progress[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_quarter_corps_stage_through_the_pricing_is_proven_with_the_same_optimum_as_cbc()
    {
        // CP-SAT alone does not prove this 8,000-column stage within a minute; as the pricing's inner solver (the engine) it does.
        var (model, start) = SolverTestData.QuarterCorpsCriticalStage();
        var cpsat = new PricingSolver(Solver).Solve(model, new MipOptions(TimeLimit: Hung, WarmStart: start), default);
        Assert.Equal(MipStatus.Optimal, cpsat.Status);
        AssertFeasible(model, cpsat);
        var cbc = new PricingSolver(new CbcSolver()).Solve(model, new MipOptions(TimeLimit: Hung, WarmStart: start), default);
        Assert.Equal(MipStatus.Optimal, cbc.Status);
        Assert.Equal(cbc.Objective, cpsat.Objective, 6);
        Assert.Equal(cbc.Bound, cpsat.Bound, 6);
    }
}
