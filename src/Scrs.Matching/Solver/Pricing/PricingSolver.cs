using System.Diagnostics;
using Scrs.Matching.Solver.Highs;

namespace Scrs.Matching.Solver.Pricing;

/// <summary>
/// Solves a 0-1 program that has far more columns than any solution uses (every candidate tour of a corps) exactly,
/// while the integer search sees only the columns that could still improve on the incumbent.
/// </summary>
/// <remarks>
/// <para>Three steps. (1) Column generation: the LP relaxation over a growing set of columns, starting from the warm
/// start's columns; after each LP solve every column of the model is priced with the LP's row duals and the most
/// improving ones enter, until none improves. (2) The inner solver solves the integer program over the LP's columns,
/// which usually gives a roster at or next to the LP bound. (3) Reduced-cost filtering: only columns that could be part
/// of a better solution stay, and if any of them is new, the inner solver solves over those.</para>
/// <para>Why it is exact (minimization; a maximization is negated). For row duals y of the right signs (y &lt;= 0 on
/// &lt;= rows, y &gt;= 0 on &gt;= rows) and reduced costs d = c - A'y, every solution x within the column bounds
/// satisfies c x = y A x + d x &gt;= y b + d x &gt;= L + max(d_j, 0) x_j, where L = y b + sum_k min(d_k l_k, d_k u_k)
/// is a valid lower bound for any such y, optimal or not (the duals are sign-clipped, so the LP solver's tolerances cannot
/// make it invalid). A solution that uses column j therefore costs at least L + max(d_j, 0); when that exceeds the
/// incumbent minus the smallest possible improvement (1 for an all-integer objective), column j cannot be in any
/// better solution and is left out. The bound returned covers both sides: the restricted search's bound for
/// solutions within the kept columns, and L + max(d_j, 0) for solutions using a column left out.</para>
/// <para>When the LP bound does not prove the first restricted search's roster, rounds of Gomory cuts
/// (<see cref="GomoryCuts"/>), lifted to every column, are added to the model as cuts and column generation goes on:
/// they are valid for every solution, so the bound argument above holds with them, and they stay for later stages.</para>
/// <para>When the LP bound sits above the roster by an integrality gap that neither cuts nor reduced costs close (a
/// coverage level where nearly every column could still improve), the search branches (<see cref="Branch"/>) before it
/// grows.</para>
/// <para>Without a warm start, or when a column has an infinite bound, the model goes to the inner solver whole.</para>
/// </remarks>
/// <param name="inner">The solver of the restricted integer programs; HiGHS's simplex solves the restricted LP.</param>
/// <param name="batch">At most this many columns enter per pricing round (tests make it small, to get many rounds).</param>
/// <param name="leaveAbove">An LP holding more columns than this sheds those its optimum leaves nonbasic at zero (<see cref="DualPricing.Leaving"/>).</param>
/// <param name="branchBeyond">A level branches (<see cref="Branch"/>, when <see cref="MipOptions.Branch"/> allows it) when more than this many times the columns searched could still improve.</param>
/// <param name="mostCutRounds">At most this many rounds of cuts (tests set 0 to reach the branching on small programs, whose gaps cuts close).</param>
internal sealed class PricingSolver(IMipSolver inner, int batch = PricingSolver.Batch, int leaveAbove = PricingSolver.LeaveAbove,
    int branchBeyond = PricingSolver.BranchBeyond, int mostCutRounds = PricingSolver.MaxCutRounds) : IMipSolver
{
    /// <summary>At most this many columns enter per pricing round: big batches make each LP re-solve slow.</summary>
    private const int Batch = 5000;

    /// <summary>
    /// Above this many columns the LP sheds the ones its optimum leaves nonbasic at zero before the next batch enters, when the
    /// options allow it (<see cref="MipOptions.ShedColumns"/>: every level of the planner). At 20,000 members the low level's LP
    /// had grown to 200,000 columns by its 28th round, each re-solve 10-24 s, and it was not proven in 300 s; shedding, it
    /// was proven at 265 s. The cost and load levels shed too since the roster's columns enter again after cuts (see
    /// <see cref="Enter"/>): at 10,000 members the cost LP grew to 196,000 columns without (re-solves of 5-8 s), and the
    /// whole solve took 143 s against 108 s; on 5,000 members 9-21 s against 12-49 s.
    /// </summary>
    private const int LeaveAbove = 4 * Batch;

    /// <summary>Each restricted search after the first adds this many times the columns already searched.</summary>
    private const int Growth = 3;

    /// <summary>At most this many rounds of cuts, each followed by column generation; a round that does not raise the
    /// bound ends them (measured on corps: more rounds after a stall, or 100 cuts a round, cost more than they gain).</summary>
    private const int MaxCutRounds = 10;

    /// <summary>
    /// At most this many implicit columns are written for cuts (about 200 MB of entries for tours); beyond it the search
    /// grows instead, a step at a time.
    /// </summary>
    private const int MostStoredForCuts = 1_000_000;

    /// <summary>At most this many cuts per round.</summary>
    private const int CutsPerRound = 50;

    public string Name => inner.Name;

    /// <summary>What column generation returns in a branch whose restricted LP has no point.</summary>
    private static readonly MipSolution RestrictedInfeasible = new(MipStatus.Infeasible, null, double.NaN, double.NaN, TimeSpan.Zero, 0);

    /// <summary>At most this many branches are explored before the search grows instead (see <see cref="Branch"/>).</summary>
    private const int MostBranches = 1000;

    /// <summary>
    /// A level branches when a search found nothing better and more than this many times the columns searched
    /// could still improve: more than two growths of the search away, where growing cannot reach them (at 10,000 members,
    /// 1.36 million tours against 20,000 searched); closer, or while searches still find better rosters (at 20,000
    /// members the critical level's first growth found the roster at the LP bound), the search grows, as before.
    /// </summary>
    private const int BranchBeyond = Growth * Growth;

    public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.WarmStart is not { } start || start.Length != model.ColumnCount || !HasFiniteBounds(model))
        {
            // The solvers below take the model whole: every implicit column is written first.
            if (model.Implicit is { } implicitColumns) implicitColumns.Store(Enumerable.Range(0, implicitColumns.Count));
            var asked = Stopwatch.StartNew();
            return RelaxationInfeasible(model, options, batch, cancellationToken)
                ?? inner.Solve(model, options with { TimeLimit = InnerLimit(options, asked) }, cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        var pricing = new DualPricing(model);
        var initial = pricing.Initial(start, options.Columns);
        pricing.Store(initial);
        using var lp = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, initial, options.Threads);
        lp.StartFrom(options.LinearProgramStart is { } point && point.Length == model.ColumnCount ? WithinBounds(model, point) : start);
        // The best Lagrangian bound of any round, for an early stop; filtering needs the bound and reduced costs of one round.
        var lower = pricing.TrivialBound();
        var round = 0;
        // Whether column generation runs inside a branch (see Branch): its bounds hold for that branch only.
        var branching = false;
        // Column generation to the LP optimum over the whole model; null when it got there, else the answer to return.
        MipSolution? Generate()
        {
            while (true)
            {
                round++;
                if (cancellationToken.IsCancellationRequested) return Incumbent(MipStatus.Cancelled, model, start, pricing, lower, clock);
                var remaining = Remaining(options, clock);
                if (remaining <= TimeSpan.Zero) return Incumbent(MipStatus.TimeLimit, model, start, pricing, lower, clock);
                var lpStarted = clock.Elapsed;
                var status = lp.Solve(remaining, cancellationToken);
                var lpTook = clock.Elapsed - lpStarted;
                if (status == LpStatus.Stopped)
                {
                    var stop = cancellationToken.IsCancellationRequested ? MipStatus.Cancelled : MipStatus.TimeLimit;
                    return Incumbent(stop, model, start, pricing, lower, clock);
                }
                // The warm start's columns make the restricted LP feasible, so anything else is the LP solver in trouble: solve whole.
                // In a branch, a restricted LP without a point says nothing yet of the branch (its point may need columns not generated).
                if (status != LpStatus.Optimal && branching) return RestrictedInfeasible;
                if (status != LpStatus.Optimal)
                {
                    options.Progress?.Invoke($"pricing: the restricted LP is {status}; the whole model goes to the solver");
                    pricing.StoreAll();
                    return inner.Solve(model, options with { TimeLimit = InnerLimit(options, clock) }, cancellationToken);
                }
                lp.CopyRowDuals(pricing.Duals);
                var (objective, iterations, columns) = (lp.Objective, lp.Iterations, lp.ColumnCount);
                var pricingStarted = clock.Elapsed;
                var priced = pricing.Price();
                if (!branching) lower = Math.Max(lower, priced);
                var entering = pricing.Entering(batch);
                var pricingTook = clock.Elapsed - pricingStarted;
                // Only before another solve: removing columns voids the LP's solution, which the steps after the loop read.
                var leaving = entering.Count > 0 && options.ShedColumns && columns > leaveAbove ? pricing.Leaving(lp.Solution(), lp.BasicVariables()) : null;
                if (leaving is not null) lp.Remove(leaving);
                pricing.Store(entering);
                lp.Add(entering, pricing.Matrix);
                options.Progress?.Invoke($"pricing round {round}: LP {objective:R} over {columns} columns ({iterations} simplex iterations, "
                    + $"{lpTook.TotalMilliseconds:F0} ms), bound {(entering.Count == 0 ? pricing.Lower : pricing.PlainLower):R}{(pricing.HasImplicitColumns && entering.Count == 0 ? $" (plain {pricing.PlainLower:R})" : "")}, {entering.Count} entering{(leaving is null ? "" : $", {leaving.Count} leaving")} (priced in {pricingTook.TotalMilliseconds:F0} ms, "
                    + $"added in {(clock.Elapsed - pricingStarted - pricingTook).TotalMilliseconds:F0} ms)");
                if (entering.Count == 0) return null;
            }
        }
        if (Generate() is { } stopped) return stopped;

        // Step 2: an integral LP optimum is a roster, and usually the optimal one.
        var relaxed = lp.Solution();
        var incumbent = IfRoster(model, pricing, relaxed, start);

        // Step 3: search over the columns the LP optimum uses, then over growing sets of the columns that could still
        // improve on the incumbent, cheapest reduced cost first; each search starts from the best roster so far, and
        // a better roster shrinks the set that could improve on it. The search ends once the searched set holds every
        // column that could improve: then the restricted search's proof covers the whole model.
        var searched = pricing.Support(relaxed, incumbent);
        // Sorting every column costs more than the coverage levels' whole search, which rarely grows: sort on first use.
        IEnumerator<int>? order = null;
        var rounding = 0;
        var next = 0;
        var nodes = 0L;
        var cutRounds = 0;
        var branched = false;
        while (true)
        {
            if (pricing.Round(pricing.Lower) >= pricing.MinCost(incumbent))
                return Combine(MipStatus.Optimal, model, start, incumbent, double.NaN, searched, relaxed, pricing, nodes, clock);
            var searchStarted = clock.Elapsed;
            // A roster reaching the LP bound over every column is optimal: the search may stop at the first one.
            var proving = pricing.ToModelBound(pricing.Round(pricing.Lower));
            var restricted = SolveOver(model, searched, incumbent, options with { Target = proving }, clock, cancellationToken);
            if (restricted.Status == MipStatus.TargetReached && !(restricted.Values is { } reached && pricing.Round(pricing.Lower) >= pricing.MinCost(reached)))
                restricted = SolveOver(model, searched, incumbent, options, clock, cancellationToken);
            var searchTook = clock.Elapsed - searchStarted;
            nodes += restricted.Nodes;
            options.Progress?.Invoke($"pricing: restricted search over {Count(searched)} columns: {restricted.Status} in {searchTook.TotalMilliseconds:F0} ms, {restricted.Nodes} nodes");
            var improved = restricted.Values is { } v && pricing.MinCost(v) < pricing.MinCost(incumbent);
            if (improved) incumbent = restricted.Values!;
            if (restricted.Status == MipStatus.TargetReached) continue;
            // The LP bound does not prove the first search's roster: strengthen it with cuts before the search grows. Cuts
            // come from the stored columns: implicit ones are stored first, or fixed at zero where they cannot help; when
            // that would write most of the pool, the search grows instead.
            if (cutRounds == 0 && mostCutRounds > 0 && restricted.Status == MipStatus.Optimal && pricing.Round(pricing.Lower) < pricing.MinCost(incumbent)
                && pricing.StoreOrFix(pricing.MinCost(incumbent), MostStoredForCuts) is var (stored, fixedColumns))
            {
                if (stored + fixedColumns > 0)
                    options.Progress?.Invoke($"pricing: before cuts, {stored} implicit tours stored and {fixedColumns} fixed at zero (they cannot be in a roster as good)");
                while (cutRounds < mostCutRounds && pricing.Round(pricing.Lower) < pricing.MinCost(incumbent))
                {
                    cutRounds++;
                    var before = pricing.Lower;
                    var firstRow = model.RowCount;
                    var deriveStarted = clock.Elapsed;
                    var cuts = GomoryCuts.Derive(model, lp, lp.Solution(), CutsPerRound);
                    foreach (var cut in cuts) model.AddCut(cut.Columns, cut.Coefficients, cut.Rhs);
                    model.Implicit?.RowsOverStored(firstRow);
                    options.Progress?.Invoke($"pricing: cut round {cutRounds}: {cuts.Count} Gomory cuts (derived in {(clock.Elapsed - deriveStarted).TotalMilliseconds:F0} ms)");
                    if (cuts.Count == 0) break;
                    pricing.RowsAdded();
                    lp.AddRows(pricing.Matrix, firstRow);
                    // The roster keeps every cut: with its columns the LP has a point (a search may have found it over columns the LP never held).
                    Enter(pricing, lp, NonZero(incumbent));
                    if (Generate() is { } stopped2) return stopped2;
                    if (pricing.Lower - before <= DualPricing.Tolerance(before)) break;
                }
                // With the cuts the LP optimum is often a roster (as in step 2).
                relaxed = lp.Solution();
                incumbent = IfRoster(model, pricing, relaxed, incumbent);
                Union(searched, pricing.Support(relaxed, incumbent));
                order?.Dispose();
                order = null;
                next = 0;
                continue;
            }
            var keep = pricing.CouldImprove(pricing.MinCost(incumbent), incumbent);
            // A search that found nothing better, and nearly every column could still improve: the LP bound sits above
            // the roster by an integrality gap that reduced costs cannot close and no search this size can cover.
            // Branch (once).
            if (!branched && options.Branch != Branching.None && restricted.Status == MipStatus.Optimal && !improved && Count(keep) > (long)branchBeyond * Count(searched))
            {
                branched = true;
                var rootBound = pricing.Lower;
                var branchStarted = clock.Elapsed;
                branching = true;
                List<int>? PointOf()
                {
                    var point = new List<int>();
                    var phaseOne = RelaxationInfeasible(model, options with { TimeLimit = InnerLimit(options, clock) }, batch, cancellationToken, point);
                    return phaseOne?.Status == MipStatus.Infeasible ? null : point;
                }
                // Bounded: at most as many LP rounds again as the search so far (rounds, not time, so that the roster
                // does not depend on the machine's speed).
                var (roundsBefore, budget) = (round, options.Branch == Branching.Bounded ? round : int.MaxValue);
                var (outcome, explored, stoppedIn) = Branch(model, lp, pricing, Generate, PointOf, options.Progress, () => round - roundsBefore > budget, ref incumbent);
                branching = false;
                options.Progress?.Invoke($"pricing: branching {outcome} after {explored} branches in {(clock.Elapsed - branchStarted).TotalMilliseconds:F0} ms, {pricing.MinCost(incumbent):R}");
                // Stopped, in a branch or back at the whole model: the best roster so far, with the whole model's bound.
                // (Column generation's own answer inside a branch checks the warm start against the branch's bounds.)
                if ((stoppedIn ?? Generate()) is not null)
                {
                    var stop = cancellationToken.IsCancellationRequested ? MipStatus.Cancelled : MipStatus.TimeLimit;
                    return Result(stop, model, incumbent, pricing.ToModelBound(pricing.Round(rootBound)), nodes, clock);
                }
                relaxed = lp.Solution();
                if (outcome == BranchOutcome.Proved)
                    return Combine(MipStatus.Optimal, model, start, incumbent, pricing.ToModelBound(pricing.MinCost(incumbent)), Array.ConvertAll(keep, _ => true), relaxed, pricing, nodes, clock);
                keep = pricing.CouldImprove(pricing.MinCost(incumbent), incumbent);
            }
            options.Progress?.Invoke($"pricing: searched {Count(searched)} columns: {restricted.Status}, {pricing.MinCost(incumbent):R}; "
                + $"{Count(keep)} of {model.ColumnCount} columns could improve on it (bound {pricing.Lower:R})");
            if (restricted.Status != MipStatus.Optimal || IsSubset(keep, searched))
            {
                // A proven optimum is its own bound (CBC may report none when its root solves the problem).
                var bound = restricted.Status == MipStatus.Optimal ? restricted.Objective : restricted.Bound;
                return Combine(restricted.Status, model, start, incumbent, bound, searched, relaxed, pricing, nodes, clock);
            }
            // Growing by a little less than all that is left would cost a search of nearly the same size for nothing.
            var left = keep.Where((k, j) => k && !searched[j]).Count();
            // An empty first set (an all-zero start whose LP optimum is zero too) grows by one column at least.
            var size = Math.Max(1, Count(searched));
            var target = left <= 2 * Growth * size ? left : Growth * size;
            order ??= pricing.SearchOrder(relaxed, target, out rounding).GetEnumerator();
            // The first growth takes only the columns that can round the LP optimum without losing value (priced at zero,
            // on a row the LP leaves fractional), however few: at 20,000 members the critical level's first search missed
            // the bound by three steps and grew from 63,060 columns to 252,240 (20 s).
            var adding = Next(next < rounding ? rounding : int.MaxValue);
            if (adding.Count == 0) adding = Next(int.MaxValue);
            if (!SearchFits(searchTook, size, size + adding.Count, Remaining(options, clock)))
                return Combine(MipStatus.TimeLimit, model, start, incumbent, restricted.Objective, searched, relaxed, pricing, nodes, clock);
            foreach (var j in adding) searched[j] = true;

            // The next columns of the order that could improve and are not searched yet, up to the target, before end.
            List<int> Next(int end)
            {
                var taking = new List<int>();
                for (; next < end && taking.Count < target && order.MoveNext(); next++)
                {
                    var j = order.Current;
                    if (keep[j] && !searched[j]) taking.Add(j);
                }
                return taking;
            }
        }
    }

    private enum BranchOutcome { Proved, GaveUp, Stopped }

    /// <summary>
    /// Branch and price, depth first, on single 0-1 columns: a branch fixes the LP optimum's most fractional column at 1,
    /// then its sibling at 0, and is closed when column generation over the whole model with those bounds gives a bound
    /// no better than the incumbent, or an integral optimum (a roster, the new incumbent when better).
    /// </summary>
    /// <remarks>
    /// <para>Why: on the critical level of a 10,000-member corps (seed 2) the LP bound is 59,220 seat-days and the optimum
    /// 59,130: a member who can fill either of two critical positions whole is split between them, and standby members
    /// with rest days between tours cover the rest by thirds. No reduced cost exceeds the gap, so 1.36 million tours could
    /// still improve; ten rounds of Gomory cuts raised the bound to 59,190, and the searches over up to 362,880 tours did
    /// not end in 300 s. Branching closed it in 475 branches of about 0.1 s each.</para>
    /// <para>Exact: the two branches of a column split every roster between them, each branch's bound is the Lagrangian
    /// bound of its own column generation, valid for every roster within its bounds (the pricing takes the bounds), and a
    /// branch whose restricted LP has no point is closed only when phase one proves that no point exists over every
    /// column (<paramref name="pointOf"/> gives null); otherwise the columns of phase one's point enter the LP. The bounds
    /// are restored whatever happens.
    /// The order is fixed (the most fractional column, ties to the lowest index), so the result does not depend on
    /// timing, unless the time limit stops it.</para>
    /// </remarks>
    /// <returns>Whether every branch was closed, how many were explored, and the answer when column generation stopped (time limit, cancellation).</returns>
    private static (BranchOutcome Outcome, int Explored, MipSolution? Stopped) Branch(LinearModel model, HighsRestrictedLinearProgram lp,
        DualPricing pricing, Func<MipSolution?> generate, Func<List<int>?> pointOf, Action<string>? progress, Func<bool> overBudget, ref double[] incumbent)
    {
        var explored = 0;
        MipSolution? stopped = null;
        var best = incumbent;
        bool Explore()
        {
            if (++explored > MostBranches)
            {
                progress?.Invoke($"branching: {MostBranches} branches explored; giving up");
                return false;
            }
            if (overBudget())
            {
                progress?.Invoke($"branching: {explored - 1} branches took as many LP rounds as the search before them; giving up");
                return false;
            }
            var generated = generate();
            if (ReferenceEquals(generated, RestrictedInfeasible))
            {
                // Phase one over every column: no point closes the branch; a point's columns enter, and generation goes on.
                if (pointOf() is not { } found) return true;
                generated = Enter(pricing, lp, found) == 0 ? generated : generate();
                if (ReferenceEquals(generated, RestrictedInfeasible))
                {
                    progress?.Invoke($"branching: branch {explored}'s restricted LP has no point though phase one found one; giving up");
                    return false;
                }
            }
            if (generated is not null)
            {
                stopped = generated;
                return false;
            }
            if (pricing.Round(pricing.Lower) >= pricing.MinCost(best)) return true;
            var point = lp.Solution();
            var fractional = MostFractional(pricing, point);
            if (fractional < 0)
            {
                // Every 0-1 column integral: a roster, and the branch's best when its bound says so; else a count column
                // is fractional (no 0-1 split reaches it), or the bound is short of the LP's value: give up.
                if (SolutionCheck.Accept(model, point, out var violation) is not { } roster)
                {
                    progress?.Invoke($"branching: branch {explored}'s LP optimum is no roster ({violation}); giving up");
                    return false;
                }
                if (pricing.MinCost(roster) < pricing.MinCost(best)) best = roster;
                if (pricing.Round(pricing.Lower) >= pricing.MinCost(best)) return true;
                progress?.Invoke($"branching: branch {explored}'s integral LP optimum {pricing.MinCost(roster):R} is not proven by its bound {pricing.Lower:R}; giving up");
                return false;
            }
            var (lower, upper) = (model.Lower(fractional), model.Upper(fractional));
            try
            {
                foreach (var value in (ReadOnlySpan<double>)[1, 0])
                {
                    model.SetColumnBounds(fractional, value, value);
                    lp.UpdateBounds(fractional);
                    if (!Explore()) return false;
                }
                return true;
            }
            finally
            {
                model.SetColumnBounds(fractional, lower, upper);
                lp.UpdateBounds(fractional);
            }
        }
        var proved = Explore();
        incumbent = best;
        return (stopped is not null ? BranchOutcome.Stopped : proved ? BranchOutcome.Proved : BranchOutcome.GaveUp, explored, stopped);
    }

    /// <summary>
    /// The priced (0-1) column of <paramref name="point"/> nearest to one half (the lowest index of ties), or -1 when all
    /// are integral within the tolerance <see cref="SolutionCheck.Accept"/> rounds them by.
    /// </summary>
    private static int MostFractional(DualPricing pricing, double[] point)
    {
        var (column, closest) = (-1, 0.5 - SolutionCheck.Tolerance);
        for (var j = 0; j < point.Length; j++)
        {
            var distance = Math.Abs(point[j] - 0.5);
            if (distance < closest && pricing.IsPriced(j)) (column, closest) = (j, distance);
        }
        return column;
    }

    /// <summary>
    /// Infeasible, when the LP relaxation of the whole model (its rows, with no objective) has no point; else
    /// <see langword="null"/>, and the inner solver takes the model.
    /// </summary>
    /// <remarks>
    /// <para>Without a warm start the problem may have no roster at all (locks that a departure or a decline left breaking a
    /// surge share, in a rolling simulation: 40 of a replication's 97 plans first). HiGHS's MIP proved one such plan of the
    /// demo corps infeasible in 1.2-1.4 s, its simplex on the whole relaxation in 0.4 s.</para>
    /// <para>The proof is phase one of column generation, so that it never loads the whole model. The origin (every column
    /// at its bound nearest zero) breaks some rows; each gets an artificial column, and the elastic LP minimizes their sum
    /// over the columns that are not 0-1 and those of the level's earlier LP. Its row duals y, of the rows' signs, are
    /// priced against every column with zero costs: for any point x within the column bounds that keeps every row,
    /// 0 &gt;= y b + sum_j min(-y A_j l_j, -y A_j u_j) (<see cref="DualPricing.Price"/> with zero costs). So when that sum is
    /// positive there is no point: a Farkas certificate over the whole model, the columns not in the LP included, which
    /// holds for any y, exact or not. Otherwise the columns with a negative reduced cost enter and the LP is solved again;
    /// an elastic minimum of zero means a point exists, and when no column enters the minimum is the bound.</para>
    /// </remarks>
    /// <param name="model">The model, with its bounds now.</param>
    /// <param name="options">The time limit and the columns to start with.</param>
    /// <param name="batch">At most this many columns enter a round.</param>
    /// <param name="cancellationToken">Stops the phase (no answer, <see langword="null"/>).</param>
    /// <param name="point">When given, receives the columns of the point phase one found, if it found one.</param>
    private static MipSolution? RelaxationInfeasible(LinearModel model, MipOptions options, int batch, CancellationToken cancellationToken,
        List<int>? point = null)
    {
        if (model.ColumnCount == 0 || model.RowCount == 0) return null;
        var clock = Stopwatch.StartNew();
        var pricing = new DualPricing(model, feasibility: true);
        var origin = new double[model.ColumnCount];
        var activity = new double[model.RowCount];
        for (var j = 0; j < origin.Length; j++) origin[j] = Math.Clamp(0, model.Lower(j), model.Upper(j));
        // The columns away from zero (fixed by a face or a branch) are written first: their entries make the activity.
        pricing.Store(NonZero(origin));
        for (var j = 0; j < origin.Length; j++)
        {
            if (origin[j] == 0) continue;
            foreach (var (row, value) in pricing.Matrix.Column(j)) activity[row] += value * origin[j];
        }
        var broken = new List<(int Row, double Sign)>();
        for (var i = 0; i < model.RowCount; i++)
        {
            var gap = model.Rhs(i) - activity[i];
            var sign = model.Sense(i) switch
            {
                RowSense.LessOrEqual => gap < -SolutionCheck.Tolerance ? -1 : 0,
                RowSense.GreaterOrEqual => gap > SolutionCheck.Tolerance ? 1 : 0,
                _ => Math.Abs(gap) > SolutionCheck.Tolerance ? Math.Sign(gap) : 0,
            };
            if (sign != 0) broken.Add((i, sign));
        }
        if (broken.Count == 0) return null;

        // Implicit columns are written before the LP takes them (in a branch, most are not).
        var initial = pricing.Initial(origin, options.Columns);
        pricing.Store(initial);
        using var lp = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost, initial, options.Threads);
        lp.AddArtificials(broken);
        for (var round = 1; ; round++)
        {
            var remaining = Remaining(options, clock);
            if (lp.Solve(remaining, cancellationToken) != LpStatus.Optimal) return null;
            if (lp.Objective <= SolutionCheck.Tolerance)
            {
                var values = lp.Solution();
                point?.AddRange(NonZero(values));
                return null;
            }
            lp.CopyRowDuals(pricing.Duals);
            pricing.Price();
            var bound = pricing.Lower;
            var entering = pricing.Entering(batch);
            options.Progress?.Invoke($"phase one round {round}: {lp.Objective:R} of the rows broken over {lp.ColumnCount} columns, "
                + $"Farkas bound {bound:R}, {entering.Count} entering");
            if (bound > DualPricing.Tolerance(0)) return MipResults.NoSolution(MipStatus.Infeasible, clock);
            if (entering.Count == 0) return null;
            pricing.Store(entering);
            lp.Add(entering, pricing.Matrix);
        }
    }

    /// <summary>The LP optimum <paramref name="relaxed"/> when it is a solution (integral, every row kept) better than <paramref name="incumbent"/>; else the incumbent.</summary>
    private static double[] IfRoster(LinearModel model, DualPricing pricing, double[] relaxed, double[] incumbent) =>
        SolutionCheck.Accept(model, relaxed, out _) is { } solution && pricing.MinCost(solution) < pricing.MinCost(incumbent) ? solution : incumbent;

    /// <summary>
    /// Whether a restricted search over <paramref name="columns"/> columns is expected to end within
    /// <paramref name="remaining"/>, after one over <paramref name="searched"/> took <paramref name="took"/>: the time
    /// times the square of the growth.
    /// </summary>
    /// <remarks>
    /// CBC does not stop inside its root's work, so a search begun that cannot end in time overruns the limit (10,000
    /// members: one begun with 10 s left ended 30 s later). Its time grows faster than its columns (the root LP's
    /// iterations and each one's cost both grow), measured as growth^1.6 to growth^1.9: at 20,000 members the low
    /// level's search over 63,317 columns took 20.3 s and the one over 174,292 took 103.6 s; on the what-if family's
    /// corps/arrival/10 the cost level's over 9,786 columns took 3.8 s and the one over 33,203, begun with 31 s left as
    /// a linear estimate (15 s, of the growth's target) allowed, about 40 s (the run ended 8.9 s over its limit). The
    /// square errs on the side of the limit. The growth counted is the columns the next search adds, not its target
    /// (the rounding group is often far smaller).
    /// </remarks>
    internal static bool SearchFits(TimeSpan took, int searched, int columns, TimeSpan remaining)
    {
        // Growth is at most 1 + 2 x Growth, so the product stays far inside TimeSpan's range.
        var growth = (double)columns / Math.Max(1, searched);
        return took * (growth * growth) <= remaining;
    }

    private static int Count(bool[] flags) => flags.Count(f => f);

    private static void Union(bool[] into, bool[] other)
    {
        for (var j = 0; j < into.Length; j++) into[j] |= other[j];
    }

    private static TimeSpan Remaining(MipOptions options, Stopwatch clock) =>
        options.TimeLimit is { } limit ? limit - clock.Elapsed : TimeSpan.MaxValue;

    /// <summary>What is left of the limit for the inner solver: the LP may have used it all up, and the inner solver takes
    /// zero as "stop at once" but a negative limit as an error.</summary>
    private static TimeSpan? InnerLimit(MipOptions options, Stopwatch clock) =>
        options.TimeLimit is { } limit ? (limit - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero) : null;

    private static bool HasFiniteBounds(LinearModel model)
    {
        for (var j = 0; j < model.ColumnCount; j++)
        {
            if (!double.IsFinite(model.Lower(j)) || !double.IsFinite(model.Upper(j))) return false;
        }
        return true;
    }

    private static bool IsSubset(bool[] a, bool[] b)
    {
        for (var j = 0; j < a.Length; j++)
        {
            if (a[j] && !b[j]) return false;
        }
        return true;
    }

    /// <summary>Solves the model over the columns marked in <paramref name="columns"/> (the others fixed at zero) and maps the answer back.</summary>
    private MipSolution SolveOver(LinearModel model, bool[] columns, double[] start, MipOptions options, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        if (model.Implicit is { } implicitColumns) implicitColumns.Store(Enumerable.Range(0, implicitColumns.Count).Where(j => columns[j]));
        var (sub, map) = Restrict(model, columns);
        var subStart = Array.ConvertAll(map, j => start[j]);
        // The restricted model is this call's own, so a cancelled search may be left behind (HiGHS's presolve does not stop).
        var solution = DetachedSolve.Solve(inner, sub, options with { TimeLimit = InnerLimit(options, clock), WarmStart = subStart, Restricted = true }, cancellationToken);
        if (!solution.HasSolution) return solution;
        var values = new double[model.ColumnCount];
        for (var k = 0; k < map.Length; k++) values[map[k]] = solution.Values![k];
        return solution with { Values = values };
    }

    /// <summary>The model with only the marked columns, and the rows restricted to them that could still be broken.</summary>
    private static (LinearModel Sub, int[] Map) Restrict(LinearModel model, bool[] columns)
    {
        var position = new int[model.ColumnCount];
        var map = new List<int>();
        var sub = new LinearModel(model.Name)
        {
            Maximize = model.Maximize,
            ObjectiveOffset = model.ObjectiveOffset,
        };
        for (var j = 0; j < model.ColumnCount; j++)
        {
            if (!columns[j])
            {
                position[j] = -1;
                continue;
            }
            position[j] = sub.AddColumn(model.Lower(j), model.Upper(j), model.Objective(j), model.IsInteger(j));
            map.Add(j);
        }
        var mapped = map.ToArray();
        var rowMap = new List<int>();
        sub.ColumnNames = k => model.ColumnName(mapped[k]);
        sub.RowNames = r => model.RowName(rowMap[r]);
        var rowColumns = new List<int>();
        var rowValues = new List<double>();
        for (var i = 0; i < model.RowCount; i++)
        {
            rowColumns.Clear();
            rowValues.Clear();
            var cols = model.RowColumns(i);
            var coefficients = model.RowCoefficients(i);
            for (var k = 0; k < cols.Length; k++)
            {
                if (position[cols[k]] < 0) continue;
                rowColumns.Add(position[cols[k]]);
                rowValues.Add(coefficients[k]);
            }
            // A row left with no column holds whenever 0 keeps it; most members' rows are such at 20,000 members
            // (the restricted search holds a few of their tours), and the inner solvers pay for every row they get.
            if (rowColumns.Count == 0 && model.ZeroKeeps(i)) continue;
            rowMap.Add(i);
            var columnSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rowColumns);
            var valueSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rowValues);
            if (model.IsCut(i)) sub.AddCut(columnSpan, valueSpan, model.Rhs(i));
            else sub.AddRow(columnSpan, valueSpan, model.Sense(i), model.Rhs(i));
        }
        return (sub, mapped);
    }

    /// <summary><paramref name="point"/> moved into the column bounds (an earlier model's LP optimum may use columns this one fixed).</summary>
    private static double[] WithinBounds(LinearModel model, double[] point)
    {
        var within = new double[point.Length];
        for (var j = 0; j < point.Length; j++) within[j] = Math.Clamp(point[j], model.Lower(j), model.Upper(j));
        return within;
    }

    /// <summary>Stopped before the integer search: the warm start with the LP bound.</summary>
    /// <remarks>A time limit's answer adds the last round's schedule bound (<see cref="DualPricing.Lower"/>); a cancelled one
    /// returns at once, with the Lagrangian bounds of the rounds.</remarks>
    private static MipSolution Incumbent(MipStatus status, LinearModel model, double[] start, DualPricing pricing, double lower, Stopwatch clock) =>
        Result(status, model, start, pricing.ToModelBound(pricing.Round(status == MipStatus.Cancelled ? lower : Math.Max(lower, pricing.Lower))), 0, clock);

    /// <summary>
    /// The final answer: the bound is the weaker of the restricted search's bound and the best any left-out column
    /// could reach; a proof of the restricted search stays a proof only if no left-out column could do better. A proven
    /// optimum comes with the columns the last LP's bound shows no optimal solution uses.
    /// </summary>
    private static MipSolution Combine(MipStatus status, LinearModel model, double[] start, double[] incumbent, double restrictedBound, bool[] kept,
        double[] relaxed, DualPricing pricing, long nodes, Stopwatch clock)
    {
        // The warm start makes the restricted program feasible: "infeasible" there is numerical trouble, like a failure.
        if (status is MipStatus.Infeasible or MipStatus.Failed)
            return new MipSolution(MipStatus.Failed, null, double.NaN, double.NaN, clock.Elapsed, nodes);
        var inside = double.IsNaN(restrictedBound) ? pricing.Lower : Math.Max(pricing.Lower, pricing.ToMinCost(restrictedBound));
        var bound = pricing.Round(Math.Min(inside, pricing.BestLeftOut(kept)));
        var value = pricing.MinCost(incumbent);
        // The bound alone can prove a roster that a restricted search found but did not prove (and, conversely, it
        // guards the claim: kept columns include every one that could improve, so an unproven "optimal" cannot happen).
        var proven = bound >= value - DualPricing.Tolerance(value);
        if (proven && status is MipStatus.TimeLimit or MipStatus.GapReached or MipStatus.Cancelled) status = MipStatus.Optimal;
        if (!proven && status == MipStatus.Optimal) status = MipStatus.GapReached;
        var columns = pricing.InLinearProgramColumns();
        var result = Result(status, model, incumbent, pricing.ToModelBound(status == MipStatus.Optimal ? value : bound), nodes, clock)
            with { Columns = columns, ColumnValues = [.. columns.Select(j => relaxed[j])] };
        return result.Status == MipStatus.Optimal
            ? result with { Unusable = pricing.Unusable(value, start, incumbent), Face = pricing.Face(value, incumbent) }
            : result;
    }

    private static MipSolution Result(MipStatus status, LinearModel model, double[] values, double bound, long nodes, Stopwatch clock)
    {
        var accepted = SolutionCheck.Accept(model, values, out _);
        return accepted is null
            ? new MipSolution(MipStatus.Failed, null, double.NaN, double.NaN, clock.Elapsed, nodes)
            : new MipSolution(status, accepted, model.Evaluate(accepted), bound, clock.Elapsed, nodes);
    }

    /// <summary>The columns whose value in <paramref name="values"/> is not zero.</summary>
    private static IEnumerable<int> NonZero(double[] values) => Enumerable.Range(0, values.Length).Where(j => values[j] != 0);

    /// <summary>Adds to the LP the columns of <paramref name="columns"/> it does not hold (written first); returns how many.</summary>
    /// <remarks>
    /// After cuts, the roster's columns enter: every cut keeps the roster, so with them the restricted LP has a point. A
    /// column of the roster may have left the LP (shed at zero) or never been in it (a search found it), and without it
    /// the first cuts could leave the LP without a point: the whole model then went to the inner solver (5,000 members:
    /// the cost level 46 s and the load level 221 s, against 6 s and 4 s).
    /// </remarks>
    private static int Enter(DualPricing pricing, HighsRestrictedLinearProgram lp, IEnumerable<int> columns)
    {
        var entering = columns.Where(j => !pricing.InLinearProgram[j]).ToList();
        foreach (var j in entering) pricing.InLinearProgram[j] = true;
        pricing.Store(entering);
        lp.Add(entering, pricing.Matrix);
        return entering.Count;
    }
}
