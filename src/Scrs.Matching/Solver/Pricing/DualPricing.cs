namespace Scrs.Matching.Solver.Pricing;

/// <summary>
/// The pricing state of one model: its matrix by column, its objective as a minimization, the latest row duals and
/// the reduced cost of every column under them, and which columns the restricted LP holds.
/// </summary>
/// <remarks>Only 0-1 columns are priced; columns fixed at zero are never used; every other column is in the LP from the
/// start and is never left out.</remarks>
internal sealed class DualPricing
{
    private readonly LinearModel _model;
    private readonly double _sign;
    private readonly long _step;
    private readonly double[] _reduced;

    /// <summary>The columns priced from the rows' structure rather than written entries, when the model has some.</summary>
    private readonly IImplicitColumns? _implicit;

    /// <summary>
    /// Per column, how much more than the schedule bound a solution using it costs at least (see
    /// <see cref="IImplicitColumns.ScheduleBound"/>); NaN where no member schedule covers the column. Only with implicit columns.
    /// </summary>
    private readonly double[]? _increments;

    /// <summary>The Lagrangian bound <c>y b + sum_j min(d_j l_j, d_j u_j)</c> of the last <see cref="Price"/> (the faces' decomposition).</summary>
    private double _lagrangian = double.NegativeInfinity;

    /// <summary>The bound of the last <see cref="Price"/> with each member's clique rows kept (negative infinity without).</summary>
    /// <remarks>Computed on first use after each <see cref="Price"/> (<see cref="PriceSchedules"/>), not in every pricing round.</remarks>
    private double _schedules = double.NegativeInfinity;

    /// <summary>Whether <see cref="_schedules"/> and <see cref="_increments"/> belong to the last <see cref="Price"/>'s duals.</summary>
    private bool _schedulesPriced;

    /// <summary>A reused buffer for one implicit column's entries.</summary>
    private readonly List<(int Row, double Value)> _entries = [];

    /// <summary>Rows with at most this many entries are local (a seat, a member); longer ones (a surge limit, a fixed level) link everything.</summary>
    private const int ShortRow = 200;

    /// <summary>Columns per parallel block of the passes over every column (<see cref="InBlocks"/>).</summary>
    private const int PricingBlock = 65_536;

    /// <summary>At most this many entering columns per row and pricing round (see <see cref="Entering"/>).</summary>
    private const int PerRow = 2;

    /// <param name="model">The model.</param>
    /// <param name="feasibility">
    /// Price for a point, not an optimum: every cost zero, so that <see cref="Price"/> gives a Farkas bound, positive
    /// only when the model's rows have no point within the column bounds (phase one).
    /// </param>
    public DualPricing(LinearModel model, bool feasibility = false)
    {
        _model = model;
        _sign = model.Maximize ? -1 : 1;
        _step = model.ObjectiveStep();
        TakeMatrix();
        Cost = new double[model.ColumnCount];
        for (var j = 0; j < Cost.Length && !feasibility; j++) Cost[j] = _sign * model.Objective(j);
        Duals = new double[model.RowCount];
        _reduced = new double[model.ColumnCount];
        InLinearProgram = new bool[model.ColumnCount];
        _implicit = model.Implicit;
        if (_implicit is not null) _increments = new double[model.ColumnCount];
    }

    /// <summary>Whether some columns are implicit (not written in the rows until stored).</summary>
    public bool HasImplicitColumns => _implicit is not null;

    /// <summary>
    /// Writes those of <paramref name="columns"/> that are implicit and not stored into the model's rows (before an LP or a
    /// search takes them); <see cref="Matrix"/> has them from then on.
    /// </summary>
    public void Store(IEnumerable<int> columns)
    {
        if (_implicit is null) return;
        _implicit.Store(columns);
    }

    /// <summary>
    /// Before cuts are derived from the stored columns: every implicit column not stored that could be part of a solution
    /// costing at most <paramref name="incumbentCost"/> is stored, and every other one fixed at zero (no solution as good
    /// as the incumbent uses it, so neither does this level's optimum nor any later level held there). Then the cuts,
    /// valid for the model with those bounds, need no entry of a column not stored. Returns how many were stored and fixed;
    /// <see langword="null"/>, changing nothing, when more than <paramref name="most"/> would be stored (the pool written
    /// nearly whole, as when the bound is far from the incumbent).
    /// </summary>
    public (int Stored, int Fixed)? StoreOrFix(double incumbentCost, int most)
    {
        if (_implicit is null) return (0, 0);
        PriceSchedules();
        var limit = incumbentCost + Tolerance(incumbentCost);
        var stored = new List<int>();
        var fixedColumns = new List<int>();
        for (var j = 0; j < _implicit.Count; j++)
        {
            if (_model.IsStored(j) || IsFixedAtZero(j)) continue;
            if (IsPriced(j) && ColumnBound(j) > limit) fixedColumns.Add(j);
            else if (stored.Count == most) return null;
            else stored.Add(j);
        }
        foreach (var j in fixedColumns) _model.SetColumnBounds(j, 0, 0);
        Store(stored);
        return (stored.Count, fixedColumns.Count);
    }

    /// <summary>Writes every column into the model's rows: the whole model, for a solver that takes it whole.</summary>
    public void StoreAll()
    {
        if (_implicit is null) return;
        Store(Enumerable.Range(0, _implicit.Count));
    }

    /// <summary>The rows column <paramref name="j"/> has an entry in, into <paramref name="rows"/> (cleared first), stored or not.</summary>
    private void RowsOf(int j, List<int> rows)
    {
        rows.Clear();
        if (IsImplicit(j))
        {
            _implicit!.Entries(j, _entries);
            foreach (var (row, _) in _entries) rows.Add(row);
            return;
        }
        foreach (var (row, _) in Matrix.Column(j)) rows.Add(row);
    }

    /// <summary>
    /// The model's matrix by column, with every entry stored so far: taken again when the model holds entries it does
    /// not (columns stored by a restricted search, rows added), so that no stored column is priced or added to the LP
    /// without its entries.
    /// </summary>
    public ColumnMajorMatrix Matrix
    {
        get
        {
            if (_model.NonZeros != _matrixNonZeros || _model.RowCount != _matrixRows) TakeMatrix();
            return _matrix;
        }
    }

    private ColumnMajorMatrix _matrix = null!;
    private int _matrixNonZeros = -1;
    private int _matrixRows = -1;

    private void TakeMatrix()
    {
        (_matrixNonZeros, _matrixRows) = (_model.NonZeros, _model.RowCount);
        _matrix = _model.ByColumn();
    }

    /// <summary>The objective to minimize (a maximization negated), without the offset.</summary>
    public double[] Cost { get; }

    /// <summary>Row duals of the last LP solve; <see cref="Price"/> clips their signs.</summary>
    public double[] Duals { get; private set; }

    /// <summary>Which columns the restricted LP holds.</summary>
    public bool[] InLinearProgram { get; }

    /// <summary>
    /// The lower bound of the last <see cref="Price"/>, valid for every solution of the whole model (and for its LP
    /// relaxation): the better of the Lagrangian bound and, with implicit tours, the bound with each member's schedule
    /// kept whole.
    /// </summary>
    public double Lower
    {
        get
        {
            PriceSchedules();
            return Math.Max(_lagrangian, _schedules);
        }
    }

    /// <summary>The plain Lagrangian bound of the last <see cref="Price"/>, without the member schedules (for progress lines).</summary>
    public double PlainLower => _lagrangian;

    /// <summary>The reduced cost of column <paramref name="j"/> under the duals of the last <see cref="Price"/>.</summary>
    public double ReducedCost(int j) => _reduced[j];

    /// <summary>Absolute tolerance for comparisons of objective values around <paramref name="value"/>.</summary>
    public static double Tolerance(double value) => 1e-6 * Math.Max(1, Math.Abs(value));

    /// <summary>Takes in rows added to the model since (cuts): the matrix gets their entries, and the duals room for them.</summary>
    public void RowsAdded()
    {
        var duals = new double[_model.RowCount];
        Duals.CopyTo(duals, 0);
        Duals = duals;
    }

    /// <summary>
    /// The columns the LP starts with: every column that is not 0-1, those the warm start uses, and the
    /// <paramref name="earlier"/> ones (an earlier solve's last LP) that are not fixed at zero.
    /// </summary>
    public List<int> Initial(double[] start, IReadOnlyList<int>? earlier = null)
    {
        foreach (var j in earlier ?? []) InLinearProgram[j] = !IsFixedAtZero(j);
        var columns = new List<int>();
        for (var j = 0; j < start.Length; j++)
        {
            if (IsFixedAtZero(j) || (IsPriced(j) && start[j] == 0 && !InLinearProgram[j])) continue;
            InLinearProgram[j] = true;
            columns.Add(j);
        }
        return columns;
    }

    /// <summary>The columns the LP holds.</summary>
    public List<int> InLinearProgramColumns()
    {
        var columns = new List<int>();
        for (var j = 0; j < InLinearProgram.Length; j++)
        {
            if (InLinearProgram[j]) columns.Add(j);
        }
        return columns;
    }

    /// <summary>
    /// Clips the duals to their valid signs, prices every column and returns the Lagrangian bound
    /// <c>y b + sum_j min(d_j l_j, d_j u_j)</c>, a lower bound on every solution. <see cref="Lower"/> adds, with implicit
    /// tours, the bound with each member's clique rows kept (<see cref="IImplicitColumns.ScheduleBound"/>).
    /// </summary>
    /// <remarks>
    /// The plain bound sums every tour's negative reduced cost, several overlapping tours of one member each counted: at
    /// 20,000 members it stays millions below the LP's value until the last pricing rounds. A member works one schedule,
    /// so the schedule bound counts its best one only. It is computed when first asked for, not here: it meets the LP's
    /// value only in the last round, like the plain one, so the rounds before need only the reduced costs, and it was the
    /// largest part of each round's pricing (140 of 370 ms a round on the critical level of 20,000 members).
    /// </remarks>
    public double Price()
    {
        var bound = 0.0;
        for (var i = 0; i < Duals.Length; i++)
        {
            Duals[i] = _model.Sense(i) switch
            {
                RowSense.LessOrEqual => Math.Min(Duals[i], 0),
                RowSense.GreaterOrEqual => Math.Max(Duals[i], 0),
                _ => Duals[i],
            };
            bound += Duals[i] * _model.Rhs(i);
        }
        // The written columns in parallel blocks, each column on its own (the result does not depend on the threads):
        // after three levels at 20,000 members, 340,000 stored tours took 100 ms a round on one thread.
        var matrix = Matrix;
        InBlocks(_reduced.Length, (start, end) =>
        {
            for (var j = start; j < end; j++)
            {
                if (!IsImplicit(j)) _reduced[j] = matrix.Reduce(j, Cost[j], Duals);
            }
        });
        _implicit?.Reduce(Duals, Cost, _reduced);
        for (var j = 0; j < _reduced.Length; j++)
        {
            var d = _reduced[j];
            bound += Math.Min(d * _model.Lower(j), d * _model.Upper(j));
        }
        _lagrangian = bound;
        _schedulesPriced = false;
        return _lagrangian;
    }

    /// <summary>The schedule bound and increments of the last <see cref="Price"/>'s duals, unless already computed.</summary>
    private void PriceSchedules()
    {
        if (_schedulesPriced) return;
        _schedulesPriced = true;
        _schedules = _implicit is null || double.IsNegativeInfinity(_lagrangian)
            ? double.NegativeInfinity
            : _lagrangian + _implicit.ScheduleBound(Duals, _reduced, _increments!);
    }

    /// <summary>
    /// The bound of zero duals, <c>sum_j min(c_j l_j, c_j u_j)</c>: weak, but it holds before any LP is solved, and an
    /// LP stopped early can give a weaker one (a roster's cost is never negative, for example).
    /// </summary>
    public double TrivialBound()
    {
        var bound = 0.0;
        for (var j = 0; j < Cost.Length; j++) bound += Math.Min(Cost[j] * _model.Lower(j), Cost[j] * _model.Upper(j));
        return bound;
    }

    /// <summary>
    /// Up to <paramref name="batch"/> columns outside the LP with negative reduced costs, most negative first but at
    /// most <see cref="PerRow"/> per row (a column enters if one of its rows still has room) and one per row that allows
    /// one column, the first half
    /// among the columns with a cost; marks them as in.
    /// </summary>
    /// <remarks>
    /// <para>Without the per-row limit a batch fills up with alternatives for the same few seats and members, which the
    /// next LP mostly ignores; with it, every row whose dual is off gets its best alternatives at once.</para>
    /// <para>A row that allows one of its columns (a member's clique of overlapping tours) takes one new column a round:
    /// a second overlapping tour of the same member could not be used with the first, and took the batch's room from
    /// other members (10,000 members, all six levels: 266 s before the rule, 153 s with it; the demo corps 15.6 s and
    /// 11.2 s; four other corps seeds 30.5 s and 31.1 s in all).</para>
    /// <para>Half of the batch is kept for columns with a cost. When an earlier level is held at its optimum, its row's
    /// dual makes that level's tours (cost zero here) look better than any of this level's, and they alone would fill
    /// the batch: at 20,000 members the normal level's first eight rounds took no normal tour, and its LP got to
    /// 354,825 in 25 rounds; with half the batch for normal tours, to 354,930 in 18. When every column has a cost
    /// (cost and load) the batch is the same as without the rule.</para>
    /// </remarks>
    public List<int> Entering(int batch)
    {
        // One list for the run, cleared each round: up to 2.8 million improving tours at 20,000 members, and growing a new
        // one each round was 3 % of the low level's time (perf, 2026-12-07).
        var improving = _improving;
        improving.Clear();
        for (var j = 0; j < _reduced.Length; j++)
        {
            if (!InLinearProgram[j] && !IsFixedAtZero(j) && _reduced[j] < -Tolerance(Cost[j])) improving.Add(j);
        }
        var order = InOrder(improving, _reduced, ByReducedCostHead * batch);
        var entering = new List<int>();
        var perRow = new int[_model.RowCount];
        var rows = new List<int>();
        var packing = PackingRows();
        void Take(bool objectiveOnly, int upTo)
        {
            foreach (var j in order)
            {
                if (entering.Count == upTo) break;
                if ((objectiveOnly && Cost[j] == 0) || InLinearProgram[j]) continue;
                RowsOf(j, rows);
                // A column in no row has room: nothing else competes for it.
                var room = rows.Count == 0;
                var blocked = false;
                foreach (var row in rows)
                {
                    room |= perRow[row] < PerRow;
                    blocked |= packing[row] && perRow[row] > 0;
                }
                if (!room || blocked) continue;
                foreach (var row in rows) perRow[row]++;
                entering.Add(j);
                InLinearProgram[j] = true;
            }
        }
        Take(objectiveOnly: true, batch / 2);
        Take(objectiveOnly: false, batch);
        entering.Sort();
        return entering;
    }

    /// <summary>
    /// Columns the LP holds that its last optimum leaves nonbasic at zero (those not in <paramref name="basic"/>, the
    /// basis's columns, whatever their price; without a basis, those priced above zero); marks them as out. A column
    /// leaves once: if it enters again, it stays.
    /// </summary>
    /// <remarks>
    /// <para>Every column is priced each round whether the LP holds it or not, so a column that left enters again when the
    /// duals make it improving; the bound and every proof are the same. What changes is the LP's size. A nonbasic column
    /// can leave without touching the basis, so the next solve starts from the same optimum.</para>
    /// <para>At 20,000 members the coverage LPs are degenerate in the duals: at the low level 122,287 of the LP's 127,000
    /// priced columns sat at zero priced at zero, and only 39 above zero, so shedding those priced above zero kept the LP
    /// growing to 220,000 columns (re-solves of 4-8 s); shedding every nonbasic one keeps it near 71,000 (0.2-3 s), and
    /// its optimum came at 175 s instead of 222 s (side by side).</para>
    /// <para>Leaving once keeps column generation finite (no column can leave and enter forever at a degenerate optimum).</para>
    /// </remarks>
    public List<int>? Leaving(double[] lpSolution, int[]? basic)
    {
        _left ??= new bool[_reduced.Length];
        // One array for the run, set for this basis and cleared after: a fresh one each round was 8 MB at 20,000 members.
        var inBasis = basic is null ? null : _inBasis ??= new bool[_reduced.Length];
        Mark(true);
        var leaving = new List<int>();
        for (var j = 0; j < _reduced.Length; j++)
        {
            if (!InLinearProgram[j] || _left[j] || !IsPriced(j) || lpSolution[j] != 0) continue;
            if (inBasis is null ? _reduced[j] <= Tolerance(Cost[j]) : inBasis[j] || _reduced[j] < -Tolerance(Cost[j])) continue;
            _left[j] = true;
            InLinearProgram[j] = false;
            leaving.Add(j);
        }
        Mark(false);
        return leaving.Count > 0 ? leaving : null;

        void Mark(bool value)
        {
            if (inBasis is null) return;
            foreach (var j in basic!)
            {
                if (j >= 0) inBasis[j] = value;
            }
        }
    }

    /// <summary>The improving columns of the last <see cref="Entering"/>, read by its order only while it runs.</summary>
    private readonly List<int> _improving = [];

    /// <summary>The columns that left the LP once (<see cref="Leaving"/>).</summary>
    private bool[]? _left;

    /// <summary>The basis's columns while <see cref="Leaving"/> runs; all false otherwise.</summary>
    private bool[]? _inBasis;

    /// <summary>How many batches' worth of the cheapest improving columns are sorted first (see <see cref="InOrder"/>).</summary>
    private const int ByReducedCostHead = 8;

    /// <summary>
    /// <paramref name="columns"/> by <paramref name="reduced"/> cost, ties by index (as <see cref="ByReducedCost"/>),
    /// enumerated lazily: the <paramref name="head"/> cheapest first (with every column tied with the last of them), then
    /// the next four times as many, and so on, each part selected and sorted only when the enumeration gets to it. An
    /// entering batch reads a few thousand of up to 2.8 million improving tours (20,000 members, normal level: 8,000-15,000
    /// read; sorting them all took 200-270 ms a round); at the low level, where most tours read are blocked by a member
    /// already entering, it read past the head often, and sorting all the rest then was 9.7 % of the level's time.
    /// </summary>
    internal static IEnumerable<int> InOrder(List<int> columns, double[] reduced, int head) => new LazyOrder(columns, reduced, head);

    /// <summary>The order of <see cref="InOrder"/>, each part selected and sorted once however often it is enumerated.</summary>
    private sealed class LazyOrder(List<int> columns, double[] reduced, int head) : IEnumerable<int>
    {
        /// <summary>The parts sorted so far, in order.</summary>
        private readonly List<int[]> _parts = [];

        /// <summary>The columns after the parts, in no order; <see langword="null"/> before the first part.</summary>
        private List<int>? _rest;

        public IEnumerator<int> GetEnumerator()
        {
            for (var p = 0; p < _parts.Count || NextPart(); p++)
            {
                foreach (var j in _parts[p]) yield return j;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Selects and sorts the next part; false when every column is in a part.</summary>
        private bool NextPart()
        {
            var rest = _rest ?? columns;
            if (_rest is not null && rest.Count == 0) return false;
            // The head, then parts growing fourfold: a deep read costs a few passes over the rest, not a sort of it.
            var size = (long)head << (2 * Math.Min(_parts.Count, 15));
            if (head < 1 || rest.Count <= 2 * size)
            {
                _parts.Add(ByReducedCost(rest, reduced));
                _rest = [];
                return true;
            }
            var keys = new double[rest.Count];
            for (var k = 0; k < keys.Length; k++) keys[k] = reduced[rest[k]];
            var threshold = Select(keys, (int)size);
            var (part, after) = (new List<int>(2 * (int)size), new List<int>(rest.Count - (int)size));
            foreach (var j in rest) (reduced[j] <= threshold ? part : after).Add(j);
            _parts.Add(ByReducedCost(part, reduced));
            _rest = after;
            return true;
        }
    }

    /// <summary>The <paramref name="k"/>-th smallest of <paramref name="keys"/> (from 1), which it reorders (Hoare's selection).</summary>
    internal static double Select(double[] keys, int k)
    {
        var (low, high, at) = (0, keys.Length - 1, k - 1);
        while (low < high)
        {
            var pivot = keys[low + (high - low) / 2];
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i > j) break;
                (keys[i], keys[j]) = (keys[j], keys[i]);
                i++;
                j--;
            }
            if (at <= j) high = j;
            else if (at >= i) low = i;
            else break;
        }
        return keys[at];
    }

    /// <summary>
    /// <paramref name="columns"/> (increasing) by reduced cost, ties by index, so runs repeat. Sorted as plain keys and
    /// then each run of equal keys by index: with millions of improving implicit tours a comparison delegate took most of
    /// a pricing round.
    /// </summary>
    private static int[] ByReducedCost(List<int> columns, double[] reduced)
    {
        var order = columns.ToArray();
        var keys = Array.ConvertAll(order, j => reduced[j]);
        Array.Sort(keys, order);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return order;
    }

    /// <summary>Rows that allow one of their columns (all coefficients 1, at most 1): a member's overlapping tours.</summary>
    private bool[] PackingRows()
    {
        var packing = new bool[_model.RowCount];
        for (var i = 0; i < packing.Length; i++)
            packing[i] = _model.Sense(i) == RowSense.LessOrEqual && _model.Rhs(i) == 1 && _model.IsAllOnes(i);
        return packing;
    }

    /// <summary>The columns that are nonzero in the LP optimum or the incumbent, and every column that is not 0-1.</summary>
    public bool[] Support(double[] lpSolution, double[] incumbent)
    {
        var support = new bool[_reduced.Length];
        for (var j = 0; j < support.Length; j++)
            support[j] = IsAlwaysKept(j) || incumbent[j] != 0 || lpSolution[j] > 1e-9;
        return support;
    }

    /// <summary>
    /// Every 0-1 column in the order the restricted searches should take them: columns the LP prices at zero first,
    /// among them first those that share a short row with a fractional LP value (the alternatives that can round the
    /// LP optimum without losing value), then by increasing reduced cost; ties by index, so runs repeat.
    /// <paramref name="rounding"/> is how many of the first come from that first group. The groups after it are sorted
    /// as far as they are read (<see cref="InOrder"/>, <paramref name="head"/> first): a growth reads a few hundred
    /// thousand of 7.9 million at 20,000 members.
    /// </summary>
    public IEnumerable<int> SearchOrder(double[] lpSolution, int head, out int rounding)
    {
        var fractionalRow = new bool[_model.RowCount];
        for (var j = 0; j < lpSolution.Length; j++)
        {
            if (Math.Abs(lpSolution[j] - Math.Round(lpSolution[j])) <= 1e-6) continue;
            foreach (var (row, _) in Matrix.Column(j)) fractionalRow[row] |= _model.RowColumns(row).Length <= ShortRow;
        }
        var touching = _implicit?.Touching(fractionalRow);
        var rank = new byte[_reduced.Length];
        InBlocks(_reduced.Length, (start, end) =>
        {
            for (var j = start; j < end; j++)
            {
                if (_reduced[j] > Tolerance(Cost[j]))
                {
                    rank[j] = 2;
                    continue;
                }
                var touches = false;
                if (IsImplicit(j)) touches = touching!(j);
                else
                {
                    foreach (var (row, _) in Matrix.Column(j)) touches |= fractionalRow[row];
                }
                rank[j] = touches ? (byte)0 : (byte)1;
            }
        });
        var byRank = new[] { new List<int>(), new List<int>(), new List<int>() };
        for (var j = 0; j < _reduced.Length; j++)
        {
            if (IsPriced(j)) byRank[rank[j]].Add(j);
        }
        rounding = byRank[0].Count;
        return ByReducedCost(byRank[0], _reduced).Concat(InOrder(byRank[1], _reduced, head)).Concat(InOrder(byRank[2], _reduced, head));
    }

    /// <summary>
    /// The columns that could be part of a solution better than <paramref name="incumbentCost"/> (by at least the
    /// objective step), plus every column the incumbent uses and every column that is not 0-1.
    /// </summary>
    public bool[] CouldImprove(double incumbentCost, double[] incumbent)
    {
        var keep = new bool[_reduced.Length];
        var threshold = Threshold(incumbentCost);
        PriceSchedules();
        for (var j = 0; j < keep.Length; j++)
            keep[j] = IsAlwaysKept(j) || incumbent[j] != 0 || (IsPriced(j) && ColumnBound(j) <= threshold);
        return keep;
    }

    /// <summary>The least cost of any solution that uses a column outside <paramref name="kept"/> (infinity if all are kept).</summary>
    public double BestLeftOut(bool[] kept)
    {
        var best = double.PositiveInfinity;
        PriceSchedules();
        for (var j = 0; j < kept.Length; j++)
        {
            if (!kept[j] && IsPriced(j)) best = Math.Min(best, ColumnBound(j));
        }
        return best;
    }

    /// <summary>
    /// The 0-1 columns that no solution of cost at most <paramref name="optimum"/> uses: those whose bound
    /// (<see cref="ColumnBound"/>) exceeds it, apart from the columns of <paramref name="solutions"/> (kept whatever the
    /// rounding noise says). When <paramref name="optimum"/> is proven, every optimal solution leaves them at zero.
    /// </summary>
    public List<int> Unusable(double optimum, params double[][] solutions)
    {
        var unusable = new List<int>();
        var limit = optimum + Tolerance(optimum);
        PriceSchedules();
        for (var j = 0; j < _reduced.Length; j++)
        {
            if (!IsPriced(j) || ColumnBound(j) <= limit) continue;
            if (Array.TrueForAll(solutions, s => s[j] == 0)) unusable.Add(j);
        }
        return unusable;
    }

    /// <summary>
    /// The optimal face of a proven <paramref name="optimum"/> (minimization cost) under the last <see cref="Price"/>'s
    /// duals, when its LP bound attains the optimum and the face is exact; else <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// <para>For every solution x, <c>c x = L + sum_i y_i (A_i x - b_i) + sum_j (d_j x_j - min(d_j l_j, d_j u_j))</c>,
    /// where L is the plain Lagrangian bound (not the schedule bound) and every term of both sums is at least zero (the duals have their valid signs).
    /// A solution at the optimum z has the terms sum to z - L, at most <c>room</c>. So an integral column whose |d_j|
    /// exceeds the room sits at the bound d_j prefers, and an inequality row whose |y_i| times its least nonzero slack
    /// exceeds it is tight: its columns are integral, and its coefficients and right-hand side are multiples of 1/s
    /// (<see cref="Integrality.Scale"/>), so a slack is 0 or at least 1/s.</para>
    /// <para>Conversely, a solution that keeps all of these has only the other terms, at most <c>free</c> (each column's
    /// |d_j| times its range, each other row's |y_i| times its largest slack within the bounds). When
    /// <c>free</c> is under half the objective step, its cost is below z plus a step, so it is z: the face is exact.
    /// Otherwise (a gap between L and z, or duals on rows that cannot be tightened) there is no face.</para>
    /// <para>Cuts count as rows: a Gomory cut's coefficients are often exact halves or thirds.</para>
    /// <para>The optimal <paramref name="incumbent"/> must keep every restriction; if rounding noise says otherwise,
    /// there is no face either.</para>
    /// </remarks>
    public OptimalFace? Face(double optimum, double[] incumbent)
    {
        if (_step <= 0) return null;
        var gap = optimum - _lagrangian;
        if (gap < -Tolerance(optimum) || gap > 0.25 * _step) return null;
        var room = Math.Max(gap, 0) + Tolerance(optimum);
        var integral = Integrality.ImpliedIntegers(_model);
        var free = 0.0;
        var fixedColumns = new List<(int, double)>();
        for (var j = 0; j < _reduced.Length; j++)
        {
            var (d, lower, upper) = (_reduced[j], _model.Lower(j), _model.Upper(j));
            if (d == 0 || lower == upper) continue;
            if (!integral[j] || Math.Abs(d) <= room)
            {
                free += Math.Abs(d) * (upper - lower);
                continue;
            }
            var at = d > 0 ? lower : upper;
            if (Math.Abs(incumbent[j] - at) > 1e-6) return null;
            fixedColumns.Add((j, at));
        }
        var tightRows = new List<int>();
        var scaled = new List<long>();
        for (var i = 0; i < Duals.Length; i++)
        {
            var y = Duals[i];
            var sense = _model.Sense(i);
            if (y == 0 || sense == RowSense.Equal) continue;
            var columns = _model.RowColumns(i);
            var coefficients = _model.RowCoefficients(i);
            double least = 0, most = 0, activity = 0;
            var integralRow = true;
            for (var k = 0; k < columns.Length; k++)
            {
                var (a, j) = (coefficients[k], columns[k]);
                least += a * (a > 0 ? _model.Lower(j) : _model.Upper(j));
                most += a * (a > 0 ? _model.Upper(j) : _model.Lower(j));
                activity += a * incumbent[j];
                integralRow &= integral[j];
            }
            // The implicit columns not stored add to the row's range; their coefficients are integers, so the scale stays.
            if (_implicit is not null)
            {
                var (implicitLeast, implicitMost) = _implicit.Range(i);
                least += implicitLeast;
                most += implicitMost;
            }
            var rhs = _model.Rhs(i);
            var scale = integralRow ? Integrality.Scale(coefficients, scaled) : null;
            if (scale is { } s && Integrality.IsInteger(Math.Round(rhs * s, 9)) && Math.Abs(y) / s > room)
            {
                if (Math.Abs(activity - rhs) > SolutionCheck.Tolerance * Math.Max(1, Math.Abs(rhs))) return null;
                tightRows.Add(i);
                continue;
            }
            free += Math.Abs(y) * Math.Max(0, sense == RowSense.LessOrEqual ? rhs - least : most - rhs);
        }
        return free < 0.5 * _step ? new OptimalFace(fixedColumns, tightRows) : null;
    }

    /// <summary>
    /// The least cost of a solution that uses 0-1 column <paramref name="j"/>, under the last <see cref="Price"/>: the
    /// Lagrangian bound plus its reduced cost when positive, or the schedule bound plus the cost of the member's best
    /// schedule through it over the best one, whichever is higher.
    /// </summary>
    /// <remarks>Callers run <see cref="PriceSchedules"/> before their loop.</remarks>
    private double ColumnBound(int j)
    {
        var bound = _lagrangian + Math.Max(_reduced[j], 0);
        return _increments is not null && !double.IsNaN(_increments[j]) ? Math.Max(bound, _schedules + _increments[j]) : bound;
    }

    /// <summary>The minimization cost of a column vector (offset excluded).</summary>
    public double MinCost(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        for (var j = 0; j < Cost.Length; j++) sum += Cost[j] * values[j];
        return sum;
    }

    /// <summary>A bound in the model's sense, offset included, as a minimization bound without offset.</summary>
    public double ToMinCost(double modelBound) => _sign * (modelBound - _model.ObjectiveOffset);

    /// <summary>A minimization bound without offset in the model's sense, offset included.</summary>
    public double ToModelBound(double minBound) => _sign * minBound + _model.ObjectiveOffset;

    /// <summary>
    /// When every cost is a multiple of the objective step, so is every solution's cost, and a lower bound rounds up to
    /// the next multiple (after a tolerance for rounding noise).
    /// </summary>
    public double Round(double minBound) =>
        _step > 0 && double.IsFinite(minBound) ? _step * Math.Ceiling((minBound - Tolerance(minBound)) / _step) : minBound;

    /// <summary>
    /// A column is left out only if every solution using it costs more than this. The tolerance widens the kept set,
    /// so rounding noise in the bound can keep a useless column but never drop a useful one.
    /// </summary>
    private double Threshold(double incumbentCost) => incumbentCost - _step + Tolerance(incumbentCost);

    /// <summary>Whether column <paramref name="j"/> is an implicit tour not written (its entries come from <see cref="_implicit"/>).</summary>
    private bool IsImplicit(int j) => _implicit is not null && j < _implicit.Count && !_model.IsStored(j);

    /// <summary>
    /// Runs <paramref name="body"/> over [0, <paramref name="count"/>) in parallel blocks of <see cref="PricingBlock"/>
    /// columns, each block [start, end) on one thread: a column's result does not depend on the threads.
    /// </summary>
    private static void InBlocks(int count, Action<int, int> body) =>
        Parallel.For(0, (count + PricingBlock - 1) / PricingBlock, block => body(block * PricingBlock, Math.Min(count, (block + 1) * PricingBlock)));

    /// <summary>Whether column <paramref name="j"/> is priced: 0-1 (integer, bounds 0 and 1); the others are fixed or always in the LP.</summary>
    public bool IsPriced(int j) => _model.IsInteger(j) && _model.Lower(j) == 0 && _model.Upper(j) == 1;

    /// <summary>A column an earlier stage proved zero in every solution still wanted (see <see cref="Unusable"/>).</summary>
    private bool IsFixedAtZero(int j) => _model.Lower(j) == 0 && _model.Upper(j) == 0;

    /// <summary>Columns the LP and every restricted search hold: those that are neither priced nor fixed at zero.</summary>
    private bool IsAlwaysKept(int j) => !IsPriced(j) && !IsFixedAtZero(j);
}
