using System.Collections.Immutable;
using System.Diagnostics;
using Scrs.Matching.Baseline;
using Scrs.Matching.Model;
using Scrs.Matching.Report;
using Scrs.Matching.Solver;
using Scrs.Matching.Telemetry;

namespace Scrs.Matching.Planning;

/// <summary>The outcome of the lexicographic search.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Values">Column values of the final roster, or <see langword="null"/> when there is none.</param>
/// <param name="Bounds">Proven bound of each level (model units), <see langword="null"/> for levels not reached.</param>
/// <param name="Gap">Relative gap of the first level not proven optimal (0 when all are).</param>
/// <param name="Stages">One report per level.</param>
/// <param name="Failure">Why the search stopped early with a roster that keeps every rule but is not optimized at every level, when it did.</param>
internal sealed record SearchResult(RosterStatus Status, double[]? Values, double?[] Bounds, double Gap, ImmutableArray<StageReport> Stages,
    string? Failure = null)
{
    /// <summary>Each level's last LP columns, where its search priced columns (indexed by level).</summary>
    public IReadOnlyList<int>?[] Columns { get; init; } = new IReadOnlyList<int>?[ObjectiveLevels.InOrder.Length];

    /// <summary>Each level's last LP values of <see cref="Columns"/>.</summary>
    public double[]?[] ColumnValues { get; init; } = new double[]?[ObjectiveLevels.InOrder.Length];

    /// <summary>The levels held at their optimal faces rather than by rows, in order.</summary>
    public IReadOnlyList<HeldFace> Faces { get; init; } = [];
}

/// <summary>A level held at its optimal face: its value, and the column bounds and row senses the face replaced.</summary>
internal sealed record HeldFace(ObjectiveLevel Level, double Value, (int Column, double Lower, double Upper)[] Bounds,
    (int Row, RowSense Sense, bool IsCut)[] Senses);

/// <summary>
/// Optimizes the levels of the objective one after another. After a level is solved to optimality its value is fixed by a
/// row (coverage >= optimum, or cost/load &lt;= optimum) before the next level is optimized, so no later level can trade
/// away any of an earlier one: this is exact lexicographic optimization, with no weights to get wrong. Every stage starts
/// from the previous stage's roster, which is feasible for it by construction.
/// </summary>
/// <remarks>
/// A coverage level whose starting roster already reaches the level's upper bound (every seat of every slot that has
/// enough candidates filled) is proven optimal without a solve.
/// </remarks>
internal sealed class LexicographicSearch(IMipSolver solver)
{
    /// <param name="model">The model; its rows and bounds are changed (levels fixed, tours proven unusable).</param>
    /// <param name="start">A roster to start from, as column values, or <see langword="null"/>.</param>
    /// <param name="options">The planner's options.</param>
    /// <param name="clock">Time since planning started.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <param name="narrowed">
    /// The proven optimum of each level (model units, <see langword="null"/> where not known) of a problem whose rosters
    /// include every roster of this one, each with the same value on every level: see <see cref="Sessions.Narrowing"/>.
    /// </param>
    /// <param name="earlier">
    /// Each level's last LP in an earlier solve of a similar model: its columns, with which the level's LP starts, and its
    /// optimum as a point of this model, from which it starts.
    /// </param>
    public SearchResult Run(RosterModel model, double[]? start, PlannerOptions options, Stopwatch clock, CancellationToken cancellationToken,
        double?[]? narrowed = null, (IReadOnlyList<int>? Columns, double[]? Point)[]? earlier = null)
    {
        var columns = new IReadOnlyList<int>?[ObjectiveLevels.InOrder.Length];
        var columnValues = new double[]?[ObjectiveLevels.InOrder.Length];
        var faces = new List<HeldFace>();
        var linear = model.Linear;
        var bounds = new double?[ObjectiveLevels.InOrder.Length];
        var stages = ImmutableArray.CreateBuilder<StageReport>();
        var incumbent = start;
        var slotMembers = MembersBySlot(model.Candidates);
        var upperBounds = CoverageUpperBounds(model, slotMembers);
        foreach (var level in ObjectiveLevels.InOrder)
        {
            if (options.CoverageOnly && level > ObjectiveLevel.Changes) break;
            // Without a previous roster there is nothing to keep: the level is not part of the objective.
            if (level == ObjectiveLevel.Changes && options.Previous is null) continue;
            // A cancel that came while the last level was proven (its proof stands) starts no further level, not even
            // one proven without search.
            if (cancellationToken.IsCancellationRequested)
                return Stop(RosterStatus.Cancelled, incumbent, bounds, double.NaN, stages, model, level) with { Faces = faces };
            // A stage's roster is optimal for its level but blind to the later ones; refilling its empty seats greedily
            // gives the next stage a far better start, and the caller a far better roster if time runs out.
            if (level is ObjectiveLevel.High or ObjectiveLevel.Normal or ObjectiveLevel.Low && incumbent is not null)
                incumbent = Completed(model, incumbent);
            using var span = MatchingTelemetry.StartLevel(level.Name(), solver.Name);
            var coefficients = model.Objectives[(int)level];
            var stageClock = Stopwatch.StartNew();
            // A coverage level at its seat-days with candidates, or a changes level that keeps every previous day some
            // tour can keep, is optimal.
            var proven = incumbent is not null && (level.IsMaximized() ? model.Value(level, incumbent) >= upperBounds[(int)level]
                : level == ObjectiveLevel.Changes && model.Value(level, incumbent) <= -model.MostKept);
            // The wider problem's optimum bounds this one's (every roster here is one there, with the same values, and
            // every earlier level is at the wider problem's optimum): a roster that reaches it is optimal.
            var known = narrowed?[(int)level];
            var reachesKnown = known is { } k && incumbent is not null && model.Value(level, incumbent) is var v
                && (level.IsMaximized() ? v >= k - Slack(model, level, k) : v <= k + Slack(model, level, k));
            if (Array.TrueForAll(coefficients, c => c == 0) || proven || reachesKnown)
            {
                var value = incumbent is null ? 0 : model.Value(level, incumbent);
                if (known is { } w && Math.Abs(value - w) > Slack(model, level, w)) narrowed = null;
                bounds[(int)level] = value;
                var shown = model.Reported(level, value);
                stages.Add(MatchingTelemetry.Level(span, new StageReport(level.Name(), RosterStatus.Optimal, shown, shown, stageClock.ElapsedMilliseconds, 0)));
                Report(options, clock, level, reachesKnown && !proven ? $"proven without search (the edit cannot improve on {shown}): {shown}" : $"proven without search: {shown}",
                    model, value, value);
                FixLevel(model, level, value);
                if (proven && level.IsMaximized()) AddSlotsFull(model, level, slotMembers);
                continue;
            }

            linear.ClearObjective();
            for (var j = 0; j < coefficients.Length; j++) linear.SetObjective(j, coefficients[j]);
            linear.Maximize = level.IsMaximized();
            var remaining = options.TimeLimit - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
                return Stop(RosterStatus.TimeLimit, incumbent, bounds, double.NaN, stages, model, level) with { Faces = faces };
            var progress = options.Progress is null ? null : (Action<string>)(message => Report(options, clock, level, message));
            var solution = solver.Solve(linear,
                new MipOptions(remaining, options.RelativeGap, options.Threads, options.Seed, incumbent, Progress: progress) { Columns = earlier?[(int)level].Columns, LinearProgramStart = earlier?[(int)level].Point, ShedColumns = true, Branch = level.IsMaximized() ? Branching.Full : Branching.Bounded },
                cancellationToken);
            columns[(int)level] = solution.Columns;
            columnValues[(int)level] = solution.ColumnValues;
            if (solution.HasSolution && (incumbent is null || Better(level, model.Value(level, solution.Values), model.Value(level, incumbent))))
                incumbent = solution.Values;
            var reached = incumbent is null ? double.NaN : model.Value(level, incumbent);
            // A solver that fails (numerical trouble) ends the search with the roster so far, which every earlier level
            // proved and the validator will check, rather than with an exception.
            if (solution.Status == MipStatus.Failed && incumbent is not null)
            {
                stages.Add(MatchingTelemetry.Level(span, new StageReport(level.Name(), RosterStatus.Feasible, model.Reported(level, reached), double.NaN, stageClock.ElapsedMilliseconds, solution.Nodes)));
                var failure = $"the {solver.Name} solver failed on level {level.Name()}; the roster is the best found, optimal on the levels before it";
                return Stop(RosterStatus.Feasible, incumbent, bounds, double.NaN, stages, model, level) with { Failure = failure, Faces = faces };
            }
            var status = solution.Status switch
            {
                MipStatus.Optimal => RosterStatus.Optimal,
                MipStatus.GapReached => RosterStatus.Feasible,
                MipStatus.TimeLimit => RosterStatus.TimeLimit,
                MipStatus.Cancelled => RosterStatus.Cancelled,
                MipStatus.Infeasible => RosterStatus.Infeasible,
                _ => throw new InvalidOperationException($"The solver failed on level {level.Name()}: {solution.Status}."),
            };
            // A coverage level reaches at most its seat-days with candidates, however far the solver got: far tighter
            // than the bound of an LP stopped early, and a proof when the roster reaches it.
            var bound = solution.Bound;
            if (level.IsMaximized())
            {
                bound = double.IsNaN(bound) ? upperBounds[(int)level] : Math.Min(bound, upperBounds[(int)level]);
                if (reached >= upperBounds[(int)level] && status is RosterStatus.TimeLimit or RosterStatus.Feasible) status = RosterStatus.Optimal;
            }
            stages.Add(MatchingTelemetry.Level(span, new StageReport(level.Name(), status, model.Reported(level, reached),
                model.Reported(level, status == RosterStatus.Optimal ? reached : bound), stageClock.ElapsedMilliseconds, solution.Nodes)));
            Report(options, clock, level, $"{solution.Status} value {solution.Objective} bound {solution.Bound} nodes {solution.Nodes} in {solution.Elapsed.TotalMilliseconds:F0} ms",
                model, reached, status == RosterStatus.Optimal ? reached : bound);
            if (status is RosterStatus.Optimal or RosterStatus.Feasible)
            {
                // Below the wider problem's optimum, the later levels are no longer narrowed: their rosters are other ones.
                if (known is { } wider && (status != RosterStatus.Optimal || Math.Abs(reached - wider) > Slack(model, level, wider))) narrowed = null;
                // A gap-limited stage is fixed at what it reached; its bound stays reported so the gap is visible.
                bounds[(int)level] = status == RosterStatus.Optimal ? reached : bound;
                // An optimum whose LP bound attains it holds the later stages to its optimal face: the same rosters as
                // a row keeping the level at its optimum, without the fractional corners such a row adds to the LP
                // (on a corps with a third declined, the next level's LP bound was 30 seat-days above its optimum
                // with the row, and attained it with the face).
                if (status == RosterStatus.Optimal && solution.Face is { } face)
                {
                    faces.Add(new HeldFace(level, reached, [.. face.Fixed.Select(f => (f.Column, linear.Lower(f.Column), linear.Upper(f.Column)))],
                        [.. face.TightRows.Select(i => (i, linear.Sense(i), linear.IsCut(i)))]));
                    foreach (var (column, value) in face.Fixed) linear.SetColumnBounds(column, value, value);
                    foreach (var row in face.TightRows) linear.SetSense(row, RowSense.Equal, isCut: false);
                    Report(options, clock, level, $"held at its optimal face: {face.Fixed.Count} columns fixed, {face.TightRows.Count} rows tight");
                    continue;
                }
                FixLevel(model, level, reached);
                // Once the level is fixed at its proven optimum, the columns no optimal roster uses are zero in every later stage.
                if (status == RosterStatus.Optimal && solution.Unusable is { } unusable)
                {
                    foreach (var j in unusable) linear.SetColumnBounds(j, 0, 0);
                    Report(options, clock, level, $"{unusable.Count} tours proven unusable from now on");
                }
                continue;
            }
            if (status == RosterStatus.Infeasible) return new SearchResult(status, null, bounds, double.NaN, stages.ToImmutable()) { Faces = faces };
            bounds[(int)level] = bound;
            return Stop(status, incumbent, bounds, bound, stages, model, level) with { Faces = faces };
        }
        var gap = stages.Max(s => RelativeGap(s.Value, s.Bound));
        var overall = stages.Any(s => s.Status == RosterStatus.Feasible) ? RosterStatus.Feasible : RosterStatus.Optimal;
        return new SearchResult(overall, incumbent, bounds, overall == RosterStatus.Optimal ? 0 : gap, stages.ToImmutable()) { Columns = columns, ColumnValues = columnValues, Faces = faces };
    }

    /// <summary>
    /// Undoes the optimal faces <paramref name="faces"/> held the model at, latest first, and holds each of those levels
    /// at its optimum by a row instead: the model as a solver without the faces' duals can check.
    /// </summary>
    public static void HoldByRows(RosterModel model, IReadOnlyList<HeldFace> faces)
    {
        for (var k = faces.Count - 1; k >= 0; k--)
        {
            foreach (var (column, lower, upper) in faces[k].Bounds) model.Linear.SetColumnBounds(column, lower, upper);
            foreach (var (row, sense, isCut) in faces[k].Senses) model.Linear.SetSense(row, sense, isCut);
        }
        foreach (var face in faces) FixLevel(model, face.Level, face.Value);
    }

    /// <summary>The roster with empty seats filled greedily, if it still satisfies the model (with every level fixed so far).</summary>
    private static double[] Completed(RosterModel model, double[] values)
    {
        var tours = Enumerable.Range(0, model.TourCount).Where(j => values[j] > 0.5);
        // Tours an earlier level proved unusable (fixed at zero) are not offered.
        var chosen = GreedyRoster.Complete(model.Candidates, tours, j => model.Linear.Upper(j) > 0);
        model.Store(chosen);
        var completed = model.ColumnValues(chosen);
        // The roster's trainings stay (the tours added need none).
        if (model.Trainings is { } training) Array.Copy(values, training.First, completed, training.First, training.Columns.Length);
        return SolutionCheck.Accept(model.Linear, completed, out _) ?? values;
    }

    private static SearchResult Stop(RosterStatus status, double[]? incumbent, double?[] bounds, double bound,
        ImmutableArray<StageReport>.Builder stages, RosterModel model, ObjectiveLevel level)
    {
        var gap = incumbent is null ? double.NaN : RelativeGap(model.Reported(level, model.Value(level, incumbent)), model.Reported(level, bound));
        return new SearchResult(status, incumbent, bounds, gap, stages.ToImmutable());
    }

    private static double RelativeGap(double value, double bound) =>
        double.IsNaN(bound) || double.IsNaN(value) ? double.NaN : Math.Abs(bound - value) / Math.Max(1, Math.Abs(value));

    private static bool Better(ObjectiveLevel level, double a, double b) => level.IsMaximized() ? a > b : a < b;

    /// <summary>Adds the row that keeps <paramref name="level"/> at its optimum for the later stages.</summary>
    private static void FixLevel(RosterModel model, ObjectiveLevel level, double value)
    {
        var coefficients = model.Objectives[(int)level];
        var columns = new List<int>();
        var values = new List<double>();
        for (var j = 0; j < coefficients.Length; j++)
        {
            if (coefficients[j] == 0) continue;
            columns.Add(j);
            values.Add(coefficients[j]);
        }
        if (columns.Count == 0) return;
        var slack = Slack(model, level, value);
        if (level.IsMaximized())
            model.AddRow(RowKey.Level(level), columns.ToArray(), values.ToArray(), RowSense.GreaterOrEqual, value - slack);
        else
            model.AddRow(RowKey.Level(level), columns.ToArray(), values.ToArray(), RowSense.LessOrEqual, value + slack);
    }

    /// <summary>
    /// For a coverage level held at its seat-days with candidates (<see cref="CoverageUpperBounds"/>), which no LP proved:
    /// the level's optimal face as cuts. Every slot of its positions holds as many tours as it can, headcount or the members
    /// with a tour covering it, whichever is fewer: tours cover whole slots, so every roster at the optimum keeps these
    /// rows, and they keep nothing else. Each is at the most the LP allows too (a member's tours covering a slot all
    /// overlap, so a clique row keeps them to one), so the next level's LP is the face of the relaxation, without the
    /// fractional corners the row holding the level's sum adds (the demo corps's advice, whose re-plans prove the high
    /// level so: 73 pricing rounds of the normal level instead of 156, 14.7 s instead of 21 s). As cuts, they are left out
    /// of the export and by CP-SAT, which keep the row.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="level">The coverage level.</param>
    /// <param name="members">The members with a tour covering each slot (<see cref="MembersBySlot"/>).</param>
    private static void AddSlotsFull(RosterModel model, ObjectiveLevel level, int[][] members)
    {
        var candidates = model.Candidates;
        var index = candidates.Index;
        var covering = new List<int>?[index.Positions.Length][];
        for (var p = 0; p < index.Positions.Length; p++)
        {
            if ((int)index.Positions[p].Priority == (int)level) covering[p] = new List<int>?[candidates.Slots[p].Length];
        }
        for (var j = 0; j < candidates.Tours.Length; j++)
        {
            var t = candidates.Tours[j];
            if (covering[t.Position] is not { } slots) continue;
            for (var s = t.FirstSlot; s <= t.LastSlot; s++) (slots[s] ??= []).Add(j);
        }
        for (var p = 0; p < covering.Length; p++)
        {
            if (covering[p] is not { } slots) continue;
            for (var s = 0; s < slots.Length; s++)
            {
                if (slots[s] is not { } tours) continue;
                model.AddRow(RowKey.Slot(p, s, 1), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tours), Enumerable.Repeat(1.0, tours.Count).ToArray(),
                    RowSense.GreaterOrEqual, Math.Min(index.Positions[p].Headcount, members[p][s]), cut: true);
            }
        }
    }

    /// <summary>Integral levels take integer values on every roster, so an optimum is exact; otherwise allow rounding noise.</summary>
    private static double Slack(RosterModel model, ObjectiveLevel level, double value) =>
        model.IsIntegral(level) ? 0 : 1e-9 * Math.Max(1, Math.Abs(value));

    /// <summary>
    /// For each coverage level, the seat-days it could cover at best: on each slot, headcount or the number of members
    /// with a tour covering it, whichever is smaller, times the slot's days.
    /// </summary>
    private static double[] CoverageUpperBounds(RosterModel model, int[][] members)
    {
        var candidates = model.Candidates;
        var index = candidates.Index;
        var bounds = new double[ObjectiveLevels.InOrder.Length];
        for (var p = 0; p < index.Positions.Length; p++)
        {
            var position = index.Positions[p];
            for (var s = 0; s < candidates.Slots[p].Length; s++)
                bounds[(int)position.Priority] += Math.Min(position.Headcount, members[p][s]) * candidates.Slots[p][s].Days;
        }
        return bounds;
    }

    /// <summary>On each slot of each position, the members with a tour covering it.</summary>
    private static int[][] MembersBySlot(Eligibility.CandidateSet candidates)
    {
        // The tours come member by member, so a slot's last member seen tells whether this one is counted yet.
        var members = Array.ConvertAll(candidates.Slots, s => new int[s.Length]);
        var last = Array.ConvertAll(candidates.Slots, s => Enumerable.Repeat(-1, s.Length).ToArray());
        foreach (var t in candidates.Tours)
        {
            for (var s = t.FirstSlot; s <= t.LastSlot; s++)
            {
                if (last[t.Position][s] == t.Member) continue;
                last[t.Position][s] = t.Member;
                members[t.Position][s]++;
            }
        }
        return members;
    }

    private static void Report(PlannerOptions options, Stopwatch clock, ObjectiveLevel level, string message) =>
        options.Progress?.Report(new PlanProgress(level.Name(), message, clock.Elapsed));

    /// <summary>A stage's end, with the value reached and the bound proved, in the roster's units (cost in money).</summary>
    private static void Report(PlannerOptions options, Stopwatch clock, ObjectiveLevel level, string message, RosterModel model,
        double value, double bound)
    {
        double? Units(double v) => double.IsFinite(v) ? (level == ObjectiveLevel.Cost ? v / (double)model.CostScale : model.Reported(level, v)) : null;
        options.Progress?.Report(new PlanProgress(level.Name(), message, clock.Elapsed) { Objective = Units(value), Bound = Units(bound) });
    }
}
