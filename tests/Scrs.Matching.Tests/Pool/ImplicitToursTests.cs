using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Pool;
using Scrs.Matching.Samples;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Pricing;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Pool;

/// <summary>
/// A model whose tours stay implicit must be the written model: every tour's entries, every reduced cost and the bound
/// from the rows' keys equal those of the model with every tour written, and storing tours writes exactly their entries.
/// </summary>
public class ImplicitToursTests
{
    /// <summary>Tiny problems of every kind the keys describe (locks, budgets, surge limits, no rest days, credentials, teams without agencies), and a sample corps.</summary>
    private static IEnumerable<(string Name, DeploymentProblem Problem)> Problems()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            yield return ($"tiny {seed}", TinyProblems.Generate(seed));
            yield return ($"credentials {seed}", TinyProblems.GenerateWithCredentials(seed));
            var team = TinyProblems.GenerateWithTeam(seed);
            yield return ($"team {seed}", team with { Operations = [.. team.Operations.Select(o => o with { Teams = [.. o.Teams.Select(t => t with { MinAgencies = null })] })] });
        }
        yield return ("small", SampleCorps.Generate(SampleCorps.Families.ForFamily("small")));
    }

    /// <summary>The model written whole, and the same model with a random part of the tours stored and the rest implicit.</summary>
    private static (RosterModel Whole, RosterModel Pooled) Models(DeploymentProblem problem, int seed)
    {
        var candidates = CandidateGenerator.Generate(new PlanningIndex(problem));
        var random = new Random(seed);
        var stored = Enumerable.Range(0, candidates.Tours.Length).Select(_ => random.NextDouble() < 0.3).ToArray();
        var whole = RosterModelBuilder.Build(candidates);
        var pooled = RosterModelBuilder.Build(candidates, stored: stored);
        Assert.NotNull(ImplicitTours.Attach(pooled));
        // Rows added after the build, as the search adds them: a level held by a row, and a slot held full by a cut.
        var level = ObjectiveLevel.Critical + random.Next(4);
        foreach (var model in new[] { whole, pooled })
        {
            var coefficients = model.Objectives[(int)level];
            var columns = Enumerable.Range(0, coefficients.Length).Where(j => coefficients[j] != 0).ToArray();
            model.AddRow(RowKey.Level(level), columns, [.. columns.Select(j => coefficients[j])], RowSense.GreaterOrEqual, 1);
            if (candidates.Tours.Length == 0) continue;
            var t = candidates.Tours[0];
            var covering = Enumerable.Range(0, candidates.Tours.Length)
                .Where(j => candidates.Tours[j].Position == t.Position && candidates.Tours[j].FirstSlot <= t.FirstSlot && t.FirstSlot <= candidates.Tours[j].LastSlot).ToArray();
            model.AddRow(RowKey.Slot(t.Position, t.FirstSlot, 1), covering, [.. covering.Select(_ => 1.0)], RowSense.GreaterOrEqual, 1, cut: true);
        }
        return (whole, pooled);
    }

    /// <summary>Makes <paramref name="level"/>'s objective the model's, in its sense.</summary>
    private static void UseObjective(RosterModel model, ObjectiveLevel level)
    {
        model.Linear.ClearObjective();
        var coefficients = model.Objectives[(int)level];
        for (var j = 0; j < coefficients.Length; j++) model.Linear.SetObjective(j, coefficients[j]);
        model.Linear.Maximize = level.IsMaximized();
    }

    /// <summary>A row dual: zero with probability <paramref name="zeroShare"/> (as an LP leaves most rows), else in [-20, 20]; Price clips its sign.</summary>
    private static double RandomDual(Random random, double zeroShare) =>
        random.NextDouble() < zeroShare ? 0 : Math.Round(random.NextDouble() * 40 - 20, 3);

    /// <summary>The same random duals, row by row, into every one of <paramref name="pricings"/>.</summary>
    private static void SameRandomDuals(Random random, double zeroShare, params DualPricing[] pricings)
    {
        for (var i = 0; i < pricings[0].Duals.Length; i++)
        {
            var y = RandomDual(random, zeroShare);
            foreach (var pricing in pricings) pricing.Duals[i] = y;
        }
    }

    private static List<(int Row, double Value)> Column(ColumnMajorMatrix matrix, int j)
    {
        var entries = new List<(int, double)>();
        foreach (var entry in matrix.Column(j)) entries.Add(entry);
        return entries;
    }

    [Fact]
    public void EveryTourHasTheEntriesOfTheWholeModelsColumnAndStoringItWritesThem()
    {
        var seed = 0;
        foreach (var (name, problem) in Problems())
        {
            var (whole, pooled) = Models(problem, seed++);
            Assert.Equal(whole.Linear.RowCount, pooled.Linear.RowCount);
            var implicitTours = (ImplicitTours)pooled.Linear.Implicit!;
            var matrix = whole.Linear.ByColumn();
            var entries = new List<(int Row, double Value)>();
            for (var j = 0; j < whole.TourCount; j++)
            {
                implicitTours.Entries(j, entries);
                Assert.True(Column(matrix, j).SequenceEqual(entries), $"{name}: tour {j} ({whole.Tours[j]}): [{string.Join(' ', Column(matrix, j))}] written, [{string.Join(' ', entries)}] implicit");
            }
            // Stored now, every tour's column is the whole model's, and every row holds the whole model's entries.
            pooled.Store(Enumerable.Range(0, pooled.TourCount));
            var stored = pooled.Linear.ByColumn();
            for (var j = 0; j < whole.Linear.ColumnCount; j++)
                Assert.True(Column(matrix, j).SequenceEqual(Column(stored, j)), $"{name}: column {j} after storing");
            Assert.Equal(whole.Linear.NonZeros, pooled.Linear.NonZeros);
        }
    }

    [Fact]
    public void ATourTouchesMarkedRowsExactlyWhenTheWholeModelsColumnHasAnEntryInOne()
    {
        var seed = 0;
        var (touching, apart) = (0, 0);
        foreach (var (name, problem) in Problems())
        {
            var (whole, pooled) = Models(problem, seed);
            var random = new Random(seed++);
            var matrix = whole.Linear.ByColumn();
            foreach (var share in new[] { 0.01, 0.1, 0.5 })
            {
                var rows = Enumerable.Range(0, whole.Linear.RowCount).Select(_ => random.NextDouble() < share).ToArray();
                var touches = pooled.Linear.Implicit!.Touching(rows);
                for (var j = 0; j < whole.TourCount; j++)
                {
                    var expected = Column(matrix, j).Any(entry => rows[entry.Row]);
                    Assert.True(expected == touches(j), $"{name}: tour {j} ({whole.Tours[j]}), {share} of the rows marked: {(expected ? "touches" : "does not touch")} them in the whole model");
                    (touching, apart) = expected ? (touching + 1, apart) : (touching, apart + 1);
                }
            }
        }
        // Both answers occur, so the test can tell a constant from the truth.
        Assert.True(touching > 100 && apart > 100, $"{touching} touching, {apart} apart");
    }

    [Fact]
    public void TheRangeOfTheToursNotStoredIsTheirLeastAndMostActivityInEveryRow()
    {
        var seed = 0;
        foreach (var (name, problem) in Problems())
        {
            var (whole, pooled) = Models(problem, seed++);
            var implicitTours = (ImplicitTours)pooled.Linear.Implicit!;
            for (var i = 0; i < whole.Linear.RowCount; i++)
            {
                double least = 0, most = 0;
                var columns = whole.Linear.RowColumns(i);
                var coefficients = whole.Linear.RowCoefficients(i);
                for (var k = 0; k < columns.Length; k++)
                {
                    if (columns[k] >= whole.TourCount || pooled.Linear.IsStored(columns[k])) continue;
                    least += Math.Min(0, coefficients[k]);
                    most += Math.Max(0, coefficients[k]);
                }
                var (implicitLeast, implicitMost) = implicitTours.Range(i);
                // Exact where counted; a surge count's definition is left wide open.
                if (pooled.Keys![i].Kind == RowKind.Scoped) Assert.True(implicitLeast <= least && implicitMost >= most, $"{name}: row {i}");
                else Assert.True(implicitLeast == least && implicitMost == most, $"{name}: row {i} ({pooled.Keys[i]}): [{least}, {most}] written, [{implicitLeast}, {implicitMost}] implicit");
            }
        }
    }

    [Fact]
    public void ImplicitToursPriceAsTheWholeModelForAnyDualsOfTheRightSigns()
    {
        var seed = 0;
        foreach (var (name, problem) in Problems())
        {
            var (whole, pooled) = Models(problem, seed);
            var random = new Random(seed++);
            var level = ObjectiveLevels.InOrder[random.Next(ObjectiveLevels.InOrder.Length)];
            UseObjective(whole, level);
            UseObjective(pooled, level);
            var (a, b) = (new DualPricing(whole.Linear), new DualPricing(pooled.Linear));
            SameRandomDuals(random, 0.5, a, b);
            a.Price();
            b.Price();
            var (lower, pooledLower) = (a.Lower, b.Lower);
            for (var j = 0; j < whole.Linear.ColumnCount; j++)
                Assert.True(Math.Abs(a.ReducedCost(j) - b.ReducedCost(j)) <= 1e-9 * Math.Max(1, Math.Abs(a.ReducedCost(j))),
                    $"{name}: column {j}: {a.ReducedCost(j)} written, {b.ReducedCost(j)} implicit");
            Assert.True(Math.Abs(lower - b.PlainLower) <= 1e-9 * Math.Max(1, Math.Abs(lower)), $"{name}: bound {lower} written, {b.PlainLower} implicit");
            Assert.True(pooledLower >= b.PlainLower, $"{name}: the bound {pooledLower} is below the plain bound {b.PlainLower}");
        }
    }

    // Regression: a restricted search stores the tours it takes straight into the model; a pricing state made before
    // went on pricing them (and giving them to the LP) with the matrix it had, where they had no entries.
    [Fact]
    public void ToursStoredAfterThePricingStateWasMadeArePricedWithTheirEntries()
    {
        var (seed, storedLater) = (0, 0);
        foreach (var (name, problem) in Problems())
        {
            var (whole, pooled) = Models(problem, seed);
            var random = new Random(seed++);
            UseObjective(whole, ObjectiveLevel.Cost);
            UseObjective(pooled, ObjectiveLevel.Cost);
            var (a, b) = (new DualPricing(whole.Linear), new DualPricing(pooled.Linear));
            var later = Enumerable.Range(0, pooled.Linear.Implicit!.Count).Where(j => !pooled.Linear.IsStored(j) && random.Next(2) == 0).ToArray();
            pooled.Linear.Implicit.Store(later);
            storedLater += later.Length;
            SameRandomDuals(random, 0.5, a, b);
            a.Price();
            b.Price();
            foreach (var j in later)
            {
                Assert.True(Math.Abs(a.ReducedCost(j) - b.ReducedCost(j)) <= 1e-9 * Math.Max(1, Math.Abs(a.ReducedCost(j))),
                    $"{name}: tour {j} stored later: {a.ReducedCost(j)} written, {b.ReducedCost(j)} priced");
                Assert.Equal(Column(a.Matrix, j), Column(b.Matrix, j));
            }
        }
        Assert.True(storedLater > 0, "no tour stored after the pricing state was made");
    }

    [Fact]
    public void TheBoundAfterEachPricingIsThatOfItsOwnDualsWhenTheScheduleBoundIsComputedOnFirstUse()
    {
        var (seed, differing) = (0, 0);
        foreach (var (name, problem) in Problems())
        {
            var (_, pooled) = Models(problem, seed);
            var random = new Random(seed++);
            var linear = pooled.Linear;
            UseObjective(pooled, ObjectiveLevel.Cost);
            double[] Duals() => [.. Enumerable.Range(0, linear.RowCount).Select(_ => RandomDual(random, 0.4))];
            double Fresh(double[] duals)
            {
                var pricing = new DualPricing(linear);
                duals.CopyTo(pricing.Duals, 0);
                pricing.Price();
                return pricing.Lower;
            }
            var (first, second) = (Duals(), Duals());
            // One pricing state priced twice, its bound read after each, against fresh states.
            var reused = new DualPricing(linear);
            first.CopyTo(reused.Duals, 0);
            reused.Price();
            Assert.Equal(Fresh(first), reused.Lower);
            second.CopyTo(reused.Duals, 0);
            reused.Price();
            Assert.Equal(Fresh(second), reused.Lower);
            Assert.True(reused.Lower >= reused.PlainLower, $"{name}: the bound is below the plain bound");
            if (Fresh(first) != Fresh(second)) differing++;
        }
        Assert.True(differing > 0, "no problem whose two duals give two bounds");
    }

    [Fact]
    public void TheScheduleBoundIsEachMembersBestScheduleByExhaustiveSearchAndEachTourItsBestScheduleThroughIt()
    {
        var (seed, members, checkedTotals) = (0, 0, 0);
        foreach (var (name, problem) in Problems())
        {
            var (_, pooled) = Models(problem, seed);
            var random = new Random(seed++);
            var linear = pooled.Linear;
            var offsets = pooled.Candidates.MemberOffsets;
            // Some tours fixed at zero (as earlier levels fix them), and now and then a member with a tour fixed at one.
            for (var j = 0; j < pooled.TourCount; j++)
            {
                if (random.NextDouble() < 0.1) linear.SetColumnBounds(j, 0, 0);
                else if (random.NextDouble() < 0.01) linear.SetColumnBounds(j, 1, 1);
            }
            var level = ObjectiveLevels.InOrder[random.Next(ObjectiveLevels.InOrder.Length)];
            UseObjective(pooled, level);
            var pricing = new DualPricing(linear);
            SameRandomDuals(random, 0.4, pricing);
            pricing.Price();
            var bound = pricing.Lower;
            pricing.Store(Enumerable.Range(0, pooled.TourCount));
            var reduced = Enumerable.Range(0, linear.ColumnCount).Select(pricing.ReducedCost).ToArray();
            var increments = new double[linear.ColumnCount];
            var rise = ((ImplicitTours)linear.Implicit!).ScheduleBound(pricing.Duals, reduced, increments);
            Assert.True(Math.Abs(bound - Math.Max(pricing.PlainLower, pricing.PlainLower + rise)) <= 1e-9 * Math.Max(1, Math.Abs(bound)), $"{name}: bound");

            var expectedRise = 0.0;
            var whole = true;
            for (var m = 0; m + 1 < offsets.Length; m++)
            {
                var tours = Enumerable.Range(offsets[m], offsets[m + 1] - offsets[m]).ToArray();
                if (tours.Any(j => linear.Lower(j) != 0))
                {
                    Assert.All(tours, j => Assert.True(double.IsNaN(increments[j]), $"{name}: member {m} has a tour fixed at one"));
                    continue;
                }
                var open = tours.Where(j => linear.Upper(j) == 1).ToArray();
                if (open.Length > 16)
                {
                    whole = false;
                    continue;
                }
                members++;
                var cliques = Enumerable.Range(0, linear.RowCount).Where(i => pooled.Keys![i] is { Kind: RowKind.Clique } key && key.A == m).ToArray();
                var schedule = open.Select(j => reduced[j] + cliques.Where(i => linear.RowColumns(i).Contains(j)).Sum(i => pricing.Duals[i])).ToArray();
                bool Conflict(int k, int l) => cliques.Any(i => linear.RowColumns(i).Contains(open[k]) && linear.RowColumns(i).Contains(open[l]));
                // Every set of tours sharing no clique: its cost, and the best through each tour.
                var best = 0.0;
                var through = Enumerable.Repeat(double.PositiveInfinity, open.Length).ToArray();
                for (var set = 0; set < 1 << open.Length; set++)
                {
                    var chosen = Enumerable.Range(0, open.Length).Where(k => (set >> k & 1) == 1).ToArray();
                    if (chosen.Any(k => chosen.Any(l => l > k && Conflict(k, l)))) continue;
                    var cost = chosen.Sum(k => schedule[k]);
                    best = Math.Min(best, cost);
                    foreach (var k in chosen) through[k] = Math.Min(through[k], cost);
                }
                for (var k = 0; k < open.Length; k++)
                    Assert.True(Math.Abs(increments[open[k]] - (through[k] - best)) <= 1e-9 * Math.Max(1, Math.Abs(best)),
                        $"{name}: member {m}, tour {open[k]}: increment {increments[open[k]]}, exhaustive {through[k] - best}");
                expectedRise += best - cliques.Sum(i => pricing.Duals[i]) - open.Sum(j => Math.Min(reduced[j], 0));
            }
            if (!whole) continue;
            checkedTotals++;
            Assert.True(Math.Abs(rise - expectedRise) <= 1e-9 * Math.Max(1, Math.Abs(rise)), $"{name}: rise {rise}, exhaustive {expectedRise}");
        }
        Assert.True(members > 1000 && checkedTotals > 300, $"{members} members and {checkedTotals} problems checked whole");
    }

    [Fact]
    public void RowsOverTheStoredToursAloneAreRefusedWhileATourNeitherStoredNorFixedRemains()
    {
        var (_, pooled) = Models(SampleCorps.Generate(SampleCorps.Families.ForFamily("small")), seed: 7);
        var implicitTours = (ImplicitTours)pooled.Linear.Implicit!;
        Assert.Throws<InvalidOperationException>(() => implicitTours.RowsOverStored(pooled.Linear.RowCount));
        // Once every tour is stored or fixed at zero (as before cuts), a cut's row has no implicit entry.
        for (var j = 0; j < pooled.TourCount; j++)
        {
            if (!pooled.Linear.IsStored(j) && j % 2 == 0) pooled.Linear.SetColumnBounds(j, 0, 0);
        }
        pooled.Store(Enumerable.Range(0, pooled.TourCount).Where(j => pooled.Linear.Upper(j) > 0));
        var row = pooled.Linear.AddCut([0], [1.0], 0);
        implicitTours.RowsOverStored(row);
        var entries = new List<(int Row, double Value)>();
        for (var j = 0; j < pooled.TourCount; j++)
        {
            implicitTours.Entries(j, entries);
            Assert.DoesNotContain(entries, e => e.Row == row);
        }
    }
}
