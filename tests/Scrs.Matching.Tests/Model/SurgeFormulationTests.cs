using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Planning;
using Scrs.Matching.Solver;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Model;

/// <summary>
/// The surge limits are modelled through auxiliary slot columns (in-scope tours on a slot, fill of a slot). These tests check
/// that the substitution is exact: for rosters against the independent validator, and for fractional points against the
/// limits stated day by day, so the LP relaxation is as strong as summing the tours on every day.
/// </summary>
public class SurgeFormulationTests
{
    private const int Seeds = 1000;
    private const double Tolerance = 1e-9;

    /// <summary>A tiny problem without locks and with 1-3 random surge limits, so that the limits decide most rosters.</summary>
    private static DeploymentProblem Problem(int seed)
    {
        var problem = TinyProblems.Generate(seed);
        var random = new Random(seed ^ 0x5eed);
        var agencies = problem.Members.Select(m => m.Agency).OfType<string>().Distinct().ToArray();
        var operations = problem.Operations.Select(o => o.Id).ToArray();
        SurgeLimit Limit()
        {
            var agency = agencies.Length > 0 && random.NextDouble() < 0.5 ? agencies[random.Next(agencies.Length)] : null;
            Component? component = random.NextDouble() < 0.5 ? (Component)random.Next(0, 4) : null;
            var operation = operations[random.Next(operations.Length)];
            double[] shares = [0, 0.25, 0.34, 0.5, 0.67];
            return random.Next(4) switch
            {
                0 => new SurgeLimit(agency, component, MaxConcurrent: random.Next(0, 3)),
                1 => new SurgeLimit(agency, component, operation, MaxConcurrent: random.Next(0, 3)),
                2 => new SurgeLimit(agency, component, MaxShare: shares[random.Next(shares.Length)]),
                _ => new SurgeLimit(agency, component, operation, MaxShare: shares[random.Next(shares.Length)]),
            };
        }
        var limits = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Limit()).ToImmutableArray();
        return problem with { Locks = [], Policy = problem.Policy with { Surge = limits } };
    }

    private static RosterModel Model(DeploymentProblem problem) =>
        RosterModelBuilder.Build(CandidateGenerator.Generate(new PlanningIndex(problem)));

    [Fact]
    public void ARosterKeepingTheOtherRulesSatisfiesTheModelIffTheValidatorFindsNoSurgeViolation()
    {
        int keeps = 0, breaks = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var problem = Problem(seed);
            var model = Model(problem);
            var random = new Random(seed);
            var chosen = new List<int>();
            // Tours join in random order; a tour breaking another rule is dropped, one breaking only a surge limit is
            // kept half the time, so that the rosters seen both keep and break the limits (shares can recover). A tour
            // the roster would merge with one day after day is dropped too: the merged tour is a column of its own.
            foreach (var j in Enumerable.Range(0, model.TourCount).OrderBy(_ => random.Next()))
            {
                chosen.Add(j);
                var values = model.ColumnValues(chosen);
                var assignments = RosterPlanner.ToAssignments(model, values);
                var violations = RosterValidator.Validate(problem, assignments);
                if (assignments.Length < chosen.Count || violations.Any(v => v.Rule != Rule.Surge))
                {
                    chosen.RemoveAt(chosen.Count - 1);
                    continue;
                }
                var surgeKept = violations.IsEmpty;
                Assert.True(surgeKept == (SolutionCheck.Accept(model.Linear, values, out var why) is not null),
                    $"seed {seed}, tours [{string.Join(", ", chosen)}]: validator {(surgeKept ? "accepts" : violations[0].ToString())}, model {why ?? "accepts"}");
                if (surgeKept) keeps++;
                else breaks++;
                if (!surgeKept && random.Next(2) == 0) chosen.RemoveAt(chosen.Count - 1);
            }
        }
        Assert.True(keeps > 500 && breaks > 500, $"{keeps} rosters keep the limits, {breaks} break them");
    }

    [Fact]
    public void AFractionalPointSatisfiesTheModelIffItKeepsTheOtherRowsSeatsAndEverySurgeLimitOnEveryDay()
    {
        int keeps = 0, breaks = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var problem = Problem(seed);
            var model = Model(problem);
            var random = new Random(seed);
            for (var trial = 0; trial < 20; trial++)
            {
                var values = new double[model.Linear.ColumnCount];
                var density = random.NextDouble();
                var scale = 0.05 + 0.95 * random.NextDouble();
                for (var j = 0; j < model.TourCount; j++)
                    values[j] = random.NextDouble() < density ? scale * random.NextDouble() : 0;
                model.SetAuxiliaries(values);
                var otherRules = TourRowsHold(model.Linear, model.TourCount, values) && SeatsHold(model, values);
                var surge = SurgeHoldsDaily(model, values);
                Assert.True(Holds(model.Linear, values) == (otherRules && surge),
                    $"seed {seed} trial {trial}: model {Holds(model.Linear, values)}, other rules {otherRules}, daily surge {surge}");
                if (!otherRules) continue;
                if (surge) keeps++;
                else breaks++;
            }
        }
        Assert.True(keeps > 200 && breaks > 200, $"{keeps} points keep the limits, {breaks} break them");
    }

    [Fact]
    public void AuxiliariesFollowTheToursAreContinuousAndBoundedAndATourEntersOneDefinitionPerCoveredSlotAndLimit()
    {
        var tested = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var problem = Problem(seed);
            var model = Model(problem);
            var linear = model.Linear;
            var definitions = new int[model.TourCount];
            for (var j = 0; j < linear.ColumnCount; j++)
            {
                Assert.Equal(j < model.TourCount, linear.IsInteger(j));
                if (j >= model.TourCount) Assert.True(linear.Upper(j) <= problem.Operations.SelectMany(o => o.Positions).Max(p => p.Headcount));
            }
            for (var i = 0; i < linear.RowCount; i++)
            {
                if (linear.Sense(i) != RowSense.Equal) continue;
                foreach (var j in linear.RowColumns(i))
                {
                    if (j < model.TourCount) definitions[j]++;
                }
            }
            for (var j = 0; j < model.TourCount; j++)
            {
                var t = model.Tours[j];
                Assert.True(definitions[j] <= (t.LastSlot - t.FirstSlot + 1) * (problem.Policy.Surge.Length + 1),
                    $"seed {seed}: tour {j} is in {definitions[j]} definitions");
            }
            tested += model.Linear.ColumnCount - model.TourCount;
        }
        Assert.True(tested > 100, $"{tested} auxiliary columns");
    }

    /// <summary>Every bound and row of the model, integrality aside.</summary>
    private static bool Holds(LinearModel linear, double[] values)
    {
        for (var j = 0; j < linear.ColumnCount; j++)
        {
            if (values[j] < linear.Lower(j) - Tolerance || values[j] > linear.Upper(j) + Tolerance) return false;
        }
        for (var i = 0; i < linear.RowCount; i++)
        {
            if (!RowHolds(linear, i, values)) return false;
        }
        return true;
    }

    /// <summary>The rows over tour columns only (member rest, deployments, seats not replaced by a fill column, budget).</summary>
    private static bool TourRowsHold(LinearModel linear, int tourCount, double[] values)
    {
        for (var i = 0; i < linear.RowCount; i++)
        {
            var onlyTours = true;
            foreach (var j in linear.RowColumns(i)) onlyTours &= j < tourCount;
            if (onlyTours && !RowHolds(linear, i, values)) return false;
        }
        return true;
    }

    private static bool RowHolds(LinearModel linear, int row, double[] values)
    {
        var activity = 0.0;
        var columns = linear.RowColumns(row);
        var coefficients = linear.RowCoefficients(row);
        for (var k = 0; k < columns.Length; k++) activity += coefficients[k] * values[columns[k]];
        var slack = Tolerance * Math.Max(1, Math.Abs(linear.Rhs(row)));
        return linear.Sense(row) switch
        {
            RowSense.LessOrEqual => activity <= linear.Rhs(row) + slack,
            RowSense.GreaterOrEqual => activity >= linear.Rhs(row) - slack,
            _ => Math.Abs(activity - linear.Rhs(row)) <= slack,
        };
    }

    /// <summary>On every slot of every position, the tours covering it sum to at most the headcount.</summary>
    private static bool SeatsHold(RosterModel model, double[] values)
    {
        var slots = model.Candidates.Slots;
        var sums = Array.ConvertAll(slots, s => new double[s.Length]);
        for (var j = 0; j < model.TourCount; j++)
        {
            var t = model.Tours[j];
            for (var s = t.FirstSlot; s <= t.LastSlot; s++) sums[t.Position][s] += values[j];
        }
        var positions = model.Candidates.Index.Positions;
        return Enumerable.Range(0, positions.Length).All(p => sums[p].All(sum => sum <= positions[p].Headcount + Tolerance));
    }

    /// <summary>Every surge limit on every day, summing the tours deployed that day (the semantics, with no cliques or slots).</summary>
    private static bool SurgeHoldsDaily(RosterModel model, double[] values)
    {
        var index = model.Candidates.Index;
        var tours = model.Tours;
        if (tours.Length == 0) return true;
        foreach (var scope in SurgeScope.Resolve(index))
        {
            for (var day = tours.Min(t => t.Start); day <= tours.Max(t => t.End); day++)
            {
                double inScope = 0, onOperation = 0;
                for (var j = 0; j < tours.Length; j++)
                {
                    var t = tours[j];
                    if (t.Start > day || day > t.End) continue;
                    var operation = index.PositionOperation[t.Position];
                    if (scope.Counts(t.Member, operation)) inScope += values[j];
                    if (operation == scope.Operation) onOperation += values[j];
                }
                var holds = scope.OperationShare is { } share
                    ? inScope - share * onOperation <= Tolerance
                    : inScope <= scope.Cap!.Value + Tolerance;
                if (!holds) return false;
            }
        }
        return true;
    }
}
