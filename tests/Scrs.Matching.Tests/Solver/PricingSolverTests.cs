using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Pricing;

namespace Scrs.Matching.Tests.Solver;

public class PricingSolverTests
{
    private static readonly MipOptions NoStart = new(TimeLimit: TimeSpan.FromSeconds(30));

    /// <summary>
    /// A random 0-1 program built around a random point x0, which satisfies every row and is the warm start: packing
    /// rows (at most one of a few columns), weighted capacity rows, and covering rows (at least k of a subset).
    /// </summary>
    internal static (LinearModel Model, double[] Start) RandomProgram(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(8, 60);
        var model = new LinearModel("random") { Maximize = random.Next(2) == 0, ObjectiveOffset = random.Next(-5, 6) };
        var start = new double[n];
        for (var j = 0; j < n; j++) model.AddColumn(0, 1, random.Next(0, 4) * random.Next(1, 4) * 10, isInteger: true);
        for (var j = 0; j < n; j++) start[j] = random.Next(4) == 0 ? 1 : 0;
        var rows = random.Next(3, 3 * n);
        for (var r = 0; r < rows; r++)
        {
            var columns = Enumerable.Range(0, n).Where(_ => random.Next(n) < 6).ToArray();
            if (columns.Length == 0) continue;
            var kind = random.Next(3);
            var coefficients = columns.Select(_ => kind == 1 ? (double)random.Next(1, 6) : 1.0).ToArray();
            var activity = columns.Select((c, k) => coefficients[k] * start[c]).Sum();
            switch (kind)
            {
                case 0 when activity <= 1: model.AddRow(columns, coefficients, RowSense.LessOrEqual, 1); break;
                case 1: model.AddRow(columns, coefficients, RowSense.LessOrEqual, activity + random.Next(0, 4)); break;
                case 2: model.AddRow(columns, coefficients, RowSense.GreaterOrEqual, Math.Max(0, activity - random.Next(0, 2))); break;
            }
        }
        return (model, start);
    }

    [Property]
    public Property PricingProvesTheSameOptimumAsTheWholeModelAndItsBoundHolds() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => AssertPricingMatchesTheWholeModel(new CbcSolver(), seed));

    // Regression: an all-zero warm start gave HiGHS a restricted LP without columns, which it reports as an empty model;
    // that was taken for a failure and the whole model went to the inner solver (with CBC's stale bound, see CbcSolverTests).
    [Theory]
    [InlineData(659)]
    [InlineData(730)]
    [InlineData(1490)]
    public void PricingFromAnAllZeroWarmStartProvesTheWholeModelsOptimum(int seed) =>
        AssertPricingMatchesTheWholeModel(new CbcSolver(), seed);

    /// <summary>
    /// Columns that leave the LP (one entering a round, every LP shedding what its optimum prices above zero) change no
    /// optimum and no bound: they are priced each round like the columns never in.
    /// </summary>
    [Property]
    public Property ColumnsLeavingTheLpChangeNeitherTheOptimumNorTheBound() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => AssertPricingMatchesTheWholeModel(new CbcSolver(), seed, batch: 1, leaveAbove: 0));

    /// <summary>The property above is not vacuous: on these programs columns do leave, and only when the options allow it.</summary>
    [Fact]
    public void ColumnsLeaveTheLpOfSmallBatchesOnlyWhenAllowed()
    {
        var left = new int[2];
        foreach (var shed in new[] { false, true })
        {
            for (var seed = 0; seed < 40; seed++)
            {
                var (model, start) = RandomProgram(seed);
                var messages = new List<string>();
                new PricingSolver(new CbcSolver(), batch: 1, leaveAbove: 0).Solve(model, NoStart with { WarmStart = start, Progress = messages.Add, ShedColumns = shed }, CancellationToken.None);
                if (messages.Any(m => m.Contains(" leaving ", StringComparison.Ordinal))) left[shed ? 1 : 0]++;
            }
        }
        Assert.Equal(0, left[0]);
        Assert.True(left[1] >= 10, $"columns left the LP in {left[1]} of 40 programs");
    }

    // Regression: columns of the roster left the LP when its optimum left them nonbasic at zero, so the first cuts could
    // leave the restricted LP without a point, and the whole model went to the inner solver (5,000 members: the cost
    // level 46 s and the load level 221 s in CBC, against 6 s and 2 s).
    [Property]
    public Property ColumnsLeavingTheLpNeverLeaveItWithoutAPointAfterCuts() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => !WholeModelAfterShedding(seed));

    /// <summary>The property above is not vacuous: on these programs cuts are added to LPs that shed columns.</summary>
    [Fact]
    public void CutsAreAddedToLpsThatShedColumns()
    {
        var both = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var messages = new List<string>();
            Assert.False(WholeModelAfterShedding(seed, messages), $"seed {seed}: the whole model went to the solver");
            if (messages.Any(m => m.Contains(" leaving ", StringComparison.Ordinal)) && messages.Any(m => m.Contains("Gomory cuts", StringComparison.Ordinal))) both++;
        }
        Assert.True(both >= 10, $"columns left and cuts came in {both} of 200 programs");
    }

    /// <summary>Whether pricing the random program of <paramref name="seed"/>, its LP shedding every round, gave the whole model to the inner solver.</summary>
    private static bool WholeModelAfterShedding(int seed, List<string>? messages = null)
    {
        var (model, start) = RandomProgram(seed);
        messages ??= [];
        var priced = new PricingSolver(new CbcSolver(), batch: 1, leaveAbove: 0).Solve(model, NoStart with { WarmStart = start, Progress = messages.Add, ShedColumns = true }, CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, priced.Status);
        return messages.Any(m => m.Contains("whole model goes to the solver", StringComparison.Ordinal));
    }

    /// <summary>
    /// Started from the whole model's optimum, so that no search finds better, without cuts, and branching at once when
    /// that leaves any column that could improve: the same optimum, proven, and every column's bounds as they were.
    /// </summary>
    [Property]
    public Property BranchingFromTheOptimumProvesItAndRestoresEveryBound() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => BranchFromTheOptimum(seed) is var _);

    /// <summary>The property above is not vacuous: on these programs branching runs and closes every branch.</summary>
    [Fact]
    public void BranchingRunsAndProvesOnProgramsWithAnIntegralityGap()
    {
        var proved = Enumerable.Range(0, 60).Count(seed => BranchFromTheOptimum(seed).Any(m => m.Contains("branching Proved", StringComparison.Ordinal)));
        Assert.True(proved >= 5, $"branching proved {proved} of 60 programs");
    }

    // Regression: a stop inside a branch answered with the warm start checked against the branch's bounds, which it
    // breaks, so the level "failed" (10,000 members, seed 2, stopped at 300 s while branching on the normal level).
    [Fact]
    public void CancellingInsideABranchGivesTheBestRosterCancelledNotAFailure()
    {
        var stoppedInBranches = 0;
        for (var seed = 0; seed < 60; seed++)
        {
            var (model, _) = RandomProgram(seed);
            var whole = new CbcSolver().Solve(model.Clone(), NoStart, CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            var messages = new List<string>();
            // The first pricing round after the first restricted search is inside a branch, when branching starts at once.
            void Progress(string message)
            {
                messages.Add(message);
                if (message.StartsWith("pricing round", StringComparison.Ordinal) && messages.Any(m => m.Contains("restricted search", StringComparison.Ordinal))) cancel.Cancel();
            }
            var priced = new PricingSolver(new CbcSolver(), batch: 2, branchBeyond: 0, mostCutRounds: 0)
                .Solve(model, NoStart with { WarmStart = whole.Values, Progress = Progress, ShedColumns = true, Branch = Branching.Full }, cancel.Token);
            Assert.Contains(priced.Status, new[] { MipStatus.Optimal, MipStatus.Cancelled });
            Assert.NotNull(SolutionCheck.Accept(model, priced.Values!, out _));
            Assert.Equal(whole.Objective, priced.Objective, 6);
            if (messages.Any(m => m.Contains("branching Stopped", StringComparison.Ordinal))) stoppedInBranches++;
        }
        Assert.True(stoppedInBranches >= 3, $"stopped inside a branch in {stoppedInBranches} of 60 programs");
    }

    /// <summary>
    /// Bounded branching gives up once its branches solved as many LP rounds as the search before them, and the search
    /// goes on to the same proven optimum as the whole model; unbounded, the same programs branch on.
    /// </summary>
    [Fact]
    public void BoundedBranchingGivesUpAfterAsManyLpRoundsAsTheSearchBeforeItAndTheOptimumIsStillProven()
    {
        var gaveUp = 0;
        for (var seed = 0; seed < 60; seed++)
        {
            var rounds = new Dictionary<Branching, int>();
            foreach (var branching in new[] { Branching.Full, Branching.Bounded })
            {
                var (model, _) = RandomProgram(seed);
                var whole = new CbcSolver().Solve(model.Clone(), NoStart, CancellationToken.None);
                var messages = new List<string>();
                var priced = new PricingSolver(new CbcSolver(), batch: 2, leaveAbove: 0, branchBeyond: 0, mostCutRounds: 0)
                    .Solve(model, NoStart with { WarmStart = whole.Values, Progress = messages.Add, ShedColumns = true, Branch = branching }, CancellationToken.None);
                Assert.Equal(MipStatus.Optimal, priced.Status);
                Assert.Equal(whole.Objective, priced.Objective, 6);
                Assert.Equal(priced.Objective, priced.Bound, 6);
                rounds[branching] = messages.Count(m => m.StartsWith("pricing round", StringComparison.Ordinal));
                if (branching == Branching.Bounded && messages.Any(m => m.Contains("as many LP rounds as the search before them", StringComparison.Ordinal)))
                {
                    gaveUp++;
                    // Before branching the search solved some rounds; giving up, the branches solved at most as many again (and one branch's more).
                    Assert.True(rounds[Branching.Bounded] <= rounds[Branching.Full], $"seed {seed}: bounded {rounds[Branching.Bounded]} rounds, full {rounds[Branching.Full]}");
                }
            }
        }
        Assert.True(gaveUp >= 3, $"bounded branching gave up on its budget in {gaveUp} of 60 programs");
    }

    /// <summary>Solves the random program of <paramref name="seed"/> whole, then by pricing from that optimum with branching at once; asserts they agree; returns the progress lines.</summary>
    private static List<string> BranchFromTheOptimum(int seed)
    {
        var (model, _) = RandomProgram(seed);
        var bounds = Enumerable.Range(0, model.ColumnCount).Select(j => (model.Lower(j), model.Upper(j))).ToArray();
        var whole = new CbcSolver().Solve(model.Clone(), NoStart, CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, whole.Status);
        var messages = new List<string>();
        // Every LP sheds its nonbasic columns too, so that columns a branch fixed leave the LP and enter it again.
        var priced = new PricingSolver(new CbcSolver(), batch: 2, leaveAbove: 0, branchBeyond: 0, mostCutRounds: 0)
            .Solve(model, NoStart with { WarmStart = whole.Values, Progress = messages.Add, ShedColumns = true, Branch = Branching.Full }, CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, priced.Status);
        Assert.Equal(whole.Objective, priced.Objective, 6);
        Assert.Equal(priced.Objective, priced.Bound, 6);
        Assert.NotNull(SolutionCheck.Accept(model, priced.Values!, out _));
        Assert.Equal(bounds, Enumerable.Range(0, model.ColumnCount).Select(j => (model.Lower(j), model.Upper(j))));
        return messages;
    }

    /// <summary>
    /// On the random program of <paramref name="seed"/>, the pricing with <paramref name="inner"/> as its integer solver
    /// proves the optimum that <paramref name="inner"/> proves on the whole model, with a bound equal to it.
    /// </summary>
    internal static void AssertPricingMatchesTheWholeModel(IMipSolver inner, int seed, int batch = 5000, int leaveAbove = 20_000)
    {
        var (model, start) = RandomProgram(seed);
        var whole = inner.Solve(model, NoStart, CancellationToken.None);
        var priced = new PricingSolver(inner, batch, leaveAbove).Solve(model, NoStart with { WarmStart = start, ShedColumns = true, Branch = Branching.Full }, CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, whole.Status);
        Assert.Equal(MipStatus.Optimal, priced.Status);
        Assert.Equal(whole.Objective, priced.Objective, 6);
        Assert.Equal(priced.Objective, priced.Bound, 6);
        Assert.NotNull(SolutionCheck.Accept(model, priced.Values!, out _));
    }

    [Property]
    public Property AnLpStartOfAnyValuesIsOnlyAStartTheOptimumAndItsColumnsAreThoseOfTheWholeModel() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            // An earlier model's LP optimum, as a session passes it: values anywhere, some outside this model's bounds.
            var (model, start) = RandomProgram(seed);
            var random = new Random(seed);
            var point = Array.ConvertAll(start, _ => random.Next(4) switch { 0 => -1.5, 1 => 0.5, 2 => 2.0, _ => 1.0 });
            var whole = new CbcSolver().Solve(model, NoStart, CancellationToken.None);
            var priced = new PricingSolver(new CbcSolver()).Solve(model, NoStart with { WarmStart = start, LinearProgramStart = point }, CancellationToken.None);
            Assert.Equal(MipStatus.Optimal, priced.Status);
            Assert.Equal(whole.Objective, priced.Objective, 6);
            Assert.NotNull(SolutionCheck.Accept(model, priced.Values!, out _));
            // The last LP's columns come with their values, which keep the columns' bounds.
            Assert.Equal(priced.Columns!.Count, priced.ColumnValues!.Length);
            return priced.Columns.Select((j, k) => priced.ColumnValues[k] >= model.Lower(j) - 1e-6 && priced.ColumnValues[k] <= model.Upper(j) + 1e-6).All(x => x);
        });

    // Regression: from an all-zero start whose LP optimum used no column, the first searched set was empty and each
    // growth step added three times nothing: the search looped for ever (tiny program 472772, found by a property).
    [Fact]
    public void PricingFromAnEmptySearchedSetGrowsItAndProvesTheOptimum()
    {
        var (model, binaries, counted) = Pricing.GomoryCutsTests.TinyProgram(472772);
        var solutions = Pricing.GomoryCutsTests.IntegerSolutions(model, binaries, counted);
        var start = new double[model.ColumnCount];
        Assert.Contains(solutions, s => s.SequenceEqual(start));
        var result = new PricingSolver(new CbcSolver()).Solve(model, NoStart with { WarmStart = start }, CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(solutions.Min(s => model.Evaluate(s)), result.Objective, 9);
    }

    [Fact]
    public void ACancelledTokenStopsTheLpAndKeepsTheWarmStart()
    {
        var (model, start) = RandomProgram(12);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = new PricingSolver(new CbcSolver()).Solve(model, NoStart with { WarmStart = start }, cancelled.Token);
        Assert.Equal(MipStatus.Cancelled, result.Status);
        Assert.Equal(start, result.Values);
        // No LP was solved: the bound is that of zero duals, every column at its better bound, and it holds.
        var trivial = model.ObjectiveOffset + Enumerable.Range(0, model.ColumnCount)
            .Sum(j => model.Maximize ? Math.Max(0, model.Objective(j)) : Math.Min(0, model.Objective(j)));
        Assert.Equal(trivial, result.Bound, 9);
        var optimum = new CbcSolver().Solve(model, NoStart, CancellationToken.None).Objective;
        Assert.True(model.Maximize ? result.Bound >= optimum : result.Bound <= optimum);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(100)]
    public void ATimeLimitThatRunsOutAnywhereGivesAStatusNotAnError(int milliseconds)
    {
        // Limits that run out in the LP, between the LP and the searches, or inside a search. (A limit used up exactly by
        // the last LP round once reached the search as a negative limit, which CBC rejects; timing makes that case rare.)
        var (model, start) = SolverTestData.QuarterCorpsCriticalStage();
        var options = NoStart with { TimeLimit = TimeSpan.FromMilliseconds(milliseconds), WarmStart = start };
        var result = new PricingSolver(new CbcSolver()).Solve(model, options, CancellationToken.None);
        Assert.Contains(result.Status, new[] { MipStatus.Optimal, MipStatus.TimeLimit });
        Assert.NotNull(SolutionCheck.Accept(model, result.Values!, out _));
    }

    [Fact]
    public void WithoutAWarmStartAModelWhoseRelaxationIsInfeasibleIsInfeasibleWithoutTheInnerSolverAndAnIntegerInfeasibleOneGoesToIt()
    {
        // x + y <= 1 and x + y >= 1.5 have no point at all; 2x = 1 has the point x = 0.5 but no 0-1 solution.
        var noPoint = new LinearModel("no point");
        noPoint.AddColumn(0, 1, 1, isInteger: true);
        noPoint.AddColumn(0, 1, 1, isInteger: true);
        noPoint.AddRow([0, 1], [1, 1], RowSense.LessOrEqual, 1);
        noPoint.AddRow([0, 1], [1, 1], RowSense.GreaterOrEqual, 1.5);
        var inner = new CountingSolver(new HighsSolver());
        Assert.Equal(MipStatus.Infeasible, new PricingSolver(inner).Solve(noPoint, NoStart, CancellationToken.None).Status);
        Assert.Equal(0, inner.Calls);

        var noInteger = new LinearModel("no integer point");
        noInteger.AddColumn(0, 1, 1, isInteger: true);
        noInteger.AddRow([0], [2], RowSense.Equal, 1);
        Assert.Equal(MipStatus.Infeasible, new PricingSolver(inner).Solve(noInteger, NoStart, CancellationToken.None).Status);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public void WithoutAWarmStartPhaseOneCallsARelaxationInfeasibleExactlyWhenTheWholeLpHasNoPoint()
    {
        var (infeasible, feasible, rounds) = (0, 0, 0);
        for (var seed = 0; seed < 300; seed++)
        {
            // Covering rows that may ask more than their columns give, packing rows that may forbid what they need,
            // some equalities, and columns fixed or not 0-1: enough columns that phase one needs several rounds.
            var random = new Random(seed);
            var n = random.Next(10, 80);
            var model = new LinearModel("phase one");
            for (var j = 0; j < n; j++)
            {
                var (lower, upper) = random.Next(10) switch { 0 => (1.0, 1.0), 1 => (0.0, 3.0), _ => (0.0, 1.0) };
                model.AddColumn(lower, upper, random.Next(-3, 4), isInteger: true);
            }
            for (var r = random.Next(2, n / 2); r > 0; r--)
            {
                var columns = Enumerable.Range(0, n).Where(_ => random.Next(n) < 8).ToArray();
                if (columns.Length == 0) continue;
                var coefficients = columns.Select(_ => (double)random.Next(1, 4)).ToArray();
                var (sense, rhs) = random.Next(5) switch
                {
                    0 or 1 => (RowSense.GreaterOrEqual, (double)random.Next(1, 1 + columns.Length)),
                    2 or 3 => (RowSense.LessOrEqual, (double)random.Next(0, 2 * columns.Length)),
                    _ => (RowSense.Equal, (double)random.Next(0, 4)),
                };
                model.AddRow(columns, coefficients, sense, rhs);
            }
            // The oracle: HiGHS's simplex on the whole relaxation.
            using var whole = new HighsRestrictedLinearProgram(model, model.ByColumn(), new double[n], Enumerable.Range(0, n).ToList(), 1);
            var noPoint = whole.Solve(TimeSpan.FromSeconds(10), CancellationToken.None) == LpStatus.Infeasible;
            var messages = new List<string>();
            var inner = new CountingSolver(new HighsSolver());
            var result = new PricingSolver(inner).Solve(model, NoStart with { Progress = messages.Add }, CancellationToken.None);
            Assert.True(noPoint == (inner.Calls == 0), $"seed {seed}: whole LP {(noPoint ? "has no point" : "has a point")}, inner calls {inner.Calls}");
            if (noPoint) Assert.Equal(MipStatus.Infeasible, result.Status);
            (infeasible, feasible) = noPoint ? (infeasible + 1, feasible) : (infeasible, feasible + 1);
            rounds = Math.Max(rounds, messages.Count(m => m.StartsWith("phase one round", StringComparison.Ordinal)));
        }
        // Both verdicts, and proofs that needed columns to enter first.
        Assert.True(infeasible >= 30 && feasible >= 30, $"{infeasible} without a point, {feasible} with one");
        Assert.True(rounds >= 3, $"at most {rounds} rounds");
    }

    private sealed class CountingSolver(IMipSolver solver) : IMipSolver
    {
        public int Calls { get; private set; }

        /// <summary>Each call's <see cref="MipOptions.Restricted"/>.</summary>
        public List<bool> Restricted { get; } = [];

        public string Name => solver.Name;

        public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken)
        {
            Calls++;
            Restricted.Add(options.Restricted);
            return solver.Solve(model, options, cancellationToken);
        }
    }

    [Theory]
    [InlineData(1000, 1000, 3000, 8999, false)] // three times the columns: nine times the time, not three
    [InlineData(1000, 1000, 3000, 9000, true)]
    [InlineData(2000, 500, 500, 2000, true)] // the same columns again: the same time
    [InlineData(2000, 0, 7, 97_999, false)] // an empty first set counts as one column
    public void AGrowingSearchIsExpectedToTakeTheSquareOfItsGrowthInTime(int tookMs, int searched, int columns, int remainingMs, bool fits) =>
        Assert.Equal(fits, PricingSolver.SearchFits(TimeSpan.FromMilliseconds(tookMs), searched, columns, TimeSpan.FromMilliseconds(remainingMs)));

    [Fact]
    public void RestrictedSearchesAreMarkedRestrictedAndAWholeModelSolveIsNot()
    {
        var (model, start) = RandomProgram(7);
        var searches = new CountingSolver(new CbcSolver());
        new PricingSolver(searches).Solve(model, NoStart with { WarmStart = start }, CancellationToken.None);
        Assert.NotEmpty(searches.Restricted);
        Assert.All(searches.Restricted, Assert.True);
        var whole = new CountingSolver(new CbcSolver());
        new PricingSolver(whole).Solve(model, NoStart, CancellationToken.None);
        Assert.Equal([false], whole.Restricted);
    }

    [Fact]
    public void WithoutAWarmStartTheWholeModelGoesToTheInnerSolver()
    {
        var (model, _) = RandomProgram(7);
        var whole = new CbcSolver().Solve(model, NoStart, CancellationToken.None);
        var priced = new PricingSolver(new CbcSolver()).Solve(model, NoStart, CancellationToken.None);
        Assert.Equal(whole.Objective, priced.Objective, 6);
    }
}
