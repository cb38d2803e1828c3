using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Solver.Highs;

/// <summary>
/// The LP relaxation of a <see cref="LinearModel"/> restricted to a growing subset of its columns, as LP pricing uses
/// it, solved by HiGHS's simplex. The objective is always minimized: callers pass the costs of a maximization negated.
/// Every row of the model is present from the start;
/// <c>Highs_addCols</c> appends columns (nonbasic at zero), and HiGHS keeps its basis across the addition, so each
/// re-solve starts from the last optimum. Cancellation interrupts the simplex through HiGHS's callback.
/// </summary>
/// <remarks>
/// Create, solve and dispose an instance on one thread (see <see cref="HighsApi"/>). Its thread count must be that of
/// the MIP solves that run on the same thread while it lives: one thread's HiGHS instances share one scheduler.
/// </remarks>
internal sealed unsafe class HighsRestrictedLinearProgram : IDisposable
{
    private readonly HighsHandle _highs;
    private readonly LinearModel _model;
    private ColumnMajorMatrix _matrix;
    private readonly double[] _cost;
    private readonly List<int> _columns = [];
    private readonly HighsCallbacks _callbacks;

    /// <summary>Whether the last solve had no column (HiGHS then reports an empty model and no solution).</summary>
    private bool _empty;

    /// <summary>Columns added since the last solve (see <see cref="PrimalAfterAtMost"/>).</summary>
    private int _addedSinceSolve;

    /// <summary>
    /// Whether the LP has no basis yet, or rows, bounds or artificial columns changed since the last solve, so that its
    /// basis may not be primal feasible: the dual simplex solves, whatever columns were added.
    /// </summary>
    private bool _changedSinceSolve = true;

    /// <summary>
    /// A re-solve after at most this many columns were added runs HiGHS's primal simplex, else its dual simplex (as the
    /// first solve, and every re-solve after rows were added, whose basis is no longer primal feasible).
    /// </summary>
    /// <remarks>
    /// The last basis stays primal feasible when columns are added, but each new column is dual infeasible: the dual
    /// simplex re-solved from far away (about 1,000 iterations on the demo corps's coverage levels for 6 columns, 4,000 on
    /// cost for 2-10), the primal takes a few iterations per column. After a big batch the primal stalls in degenerate
    /// pivots (cost on the demo corps: 105 s of column generation with it throughout, 7 s with the dual).
    /// </remarks>
    private const int PrimalAfterAtMost = 500;

    private const int DualSimplex = 1;
    private const int PrimalSimplex = 4;

    /// <param name="model">Rows, bounds and coefficients.</param>
    /// <param name="matrix">The model's matrix by column.</param>
    /// <param name="cost">The objective to minimize, one coefficient per model column.</param>
    /// <param name="columns">The model columns present at first.</param>
    /// <param name="threads">HiGHS threads (see the remarks).</param>
    public HighsRestrictedLinearProgram(LinearModel model, ColumnMajorMatrix matrix, double[] cost, IReadOnlyList<int> columns, int threads)
    {
        NativeLibraries.EnsureLoaded(NativeLibraries.Highs);
        _model = model;
        _matrix = matrix;
        _cost = cost;
        _highs = HighsApi.Create();
        HighsOptions.Set(_highs, threads, log: false);
        // HiGHS keeps the callback's user data for the instance's life: one callback object, its token set per solve.
        _callbacks = HighsCallbacks.AttachInterruptible(_highs);

        var (rowLower, rowUpper) = model.RowRanges();
        var block = ColumnBlock.From(model, matrix, cost, columns);
        fixed (int* s = block.Starts, r = block.Rows)
        fixed (double* e = block.Values, cl = block.Lower, cu = block.Upper, o = block.Cost, rl = rowLower, ru = rowUpper)
        {
            HighsOptions.Check(HighsApi.PassLp(_highs, columns.Count, model.RowCount, block.Values.Length, HighsApi.ColumnWise,
                HighsApi.Minimize, 0, o, cl, cu, rl, ru, s, r, e), "the restricted LP");
        }
        _columns.AddRange(columns);
    }

    /// <summary>
    /// Starts the first solve from <paramref name="values"/> (one per model column, within the column bounds), a roster
    /// of the model: HiGHS crashes a basis from the point (its columns at their bounds, the rows it fills nonbasic) and
    /// the dual simplex goes on from there.
    /// </summary>
    /// <remarks>
    /// Measured on the shipped scenario's replications (40, <c>profile</c>): the first LPs of the levels took 7.1 s in
    /// all against 17.2 s, and a replication 1.23 s at the median against 1.76 s from HiGHS's own slack basis, with
    /// different optima of the same value leading the later searches elsewhere. The primal simplex from the same point
    /// was slower, and 93 s on one replication.
    /// </remarks>
    public void StartFrom(double[] values)
    {
        if (_columns.Count == 0) return;
        var point = new double[_columns.Count];
        for (var k = 0; k < point.Length; k++) point[k] = values[_columns[k]];
        fixed (double* v = point) HighsOptions.Check(HighsApi.SetSolution(_highs, v, null, null, null), "the starting point");
    }

    /// <summary>Number of columns present.</summary>
    public int ColumnCount => _columns.Count;

    /// <summary>Objective value of the last optimal solve.</summary>
    public double Objective => _empty ? 0 : HighsApi.GetObjectiveValue(_highs);

    /// <summary>Simplex iterations of the last solve (to check that a re-solve starts from the last basis).</summary>
    public int Iterations => HighsApi.GetIntInfoValue(_highs, "simplex_iteration_count", out var count) == HighsApi.StatusError ? -1 : count;

    /// <summary>
    /// Appends one artificial column per row of <paramref name="rows"/>: coefficient <c>Sign</c> (+1 where the row needs
    /// more activity, -1 where less) in that row alone, cost 1, bounds [0, inf): the elastic LP of phase one, whose minimum
    /// is zero exactly when the restricted LP has a point. They are not model columns: <see cref="Solution"/> leaves them
    /// out, and an LP with them has no <see cref="BasicVariables"/>.
    /// </summary>
    public void AddArtificials(IReadOnlyList<(int Row, double Sign)> rows)
    {
        if (rows.Count == 0) return;
        var starts = Enumerable.Range(0, rows.Count + 1).ToArray();
        var index = rows.Select(r => r.Row).ToArray();
        var value = rows.Select(r => r.Sign).ToArray();
        var cost = Enumerable.Repeat(1.0, rows.Count).ToArray();
        var lower = new double[rows.Count];
        var upper = Enumerable.Repeat(double.PositiveInfinity, rows.Count).ToArray();
        fixed (int* st = starts, ix = index)
        fixed (double* v = value, o = cost, l = lower, u = upper)
            HighsOptions.Check(HighsApi.AddCols(_highs, rows.Count, o, l, u, index.Length, st, ix, v), "the artificial columns");
        _columns.AddRange(Enumerable.Repeat(Artificial, rows.Count));
        _changedSinceSolve = true;
    }

    /// <summary>The entry of <see cref="_columns"/> for an artificial column (<see cref="AddArtificials"/>).</summary>
    private const int Artificial = -1;

    /// <summary>Appends model columns; they enter the LP at zero. <paramref name="matrix"/> is the model's matrix by column with them (stored), used from now on.</summary>
    public void Add(IReadOnlyList<int> columns, ColumnMajorMatrix matrix)
    {
        _matrix = matrix;
        if (columns.Count == 0) return;
        var block = ColumnBlock.From(_model, _matrix, _cost, columns);
        fixed (int* s = block.Starts, r = block.Rows)
        fixed (double* e = block.Values, cl = block.Lower, cu = block.Upper, o = block.Cost)
            HighsOptions.Check(HighsApi.AddCols(_highs, columns.Count, o, cl, cu, block.Values.Length, s, r, e), "the added columns");
        _addedSinceSolve += columns.Count;
        _columns.AddRange(columns);
    }

    /// <summary>
    /// Removes the model columns <paramref name="columns"/> from the LP. They must be nonbasic (at a bound), so that the
    /// basis, and with it the optimum, stays.
    /// </summary>
    public void Remove(IReadOnlyCollection<int> columns)
    {
        var removed = columns.ToHashSet();
        var mask = new int[_columns.Count];
        for (var k = 0; k < mask.Length; k++) mask[k] = _columns[k] != Artificial && removed.Contains(_columns[k]) ? 1 : 0;
        fixed (int* m = mask) HighsOptions.Check(HighsApi.DeleteColsByMask(_highs, m), "the removed columns");
        var kept = new List<int>(_columns.Count);
        for (var k = 0; k < mask.Length; k++)
        {
            if (mask[k] >= 0) kept.Add(_columns[k]);
        }
        _columns.Clear();
        _columns.AddRange(kept);
    }

    /// <summary>
    /// Gives the LP's copy of model column <paramref name="column"/> the model's bounds now; nothing when the LP does not
    /// hold it (a column that left takes the model's bounds when it enters again).
    /// </summary>
    /// <remarks>The basis stays dual feasible, so the next solve runs the dual simplex.</remarks>
    public void UpdateBounds(int column)
    {
        var k = _columns.IndexOf(column);
        if (k < 0) return;
        HighsOptions.Check(HighsApi.ChangeColBounds(_highs, k, _model.Lower(column), _model.Upper(column)), "a column's bounds");
        _changedSinceSolve = true;
    }

    /// <summary>
    /// Appends the model's rows from <paramref name="firstRow"/> on (added to the model after this LP was built), over the
    /// columns present; <paramref name="matrix"/> is the model's matrix by column with those rows, used from now on.
    /// </summary>
    public void AddRows(ColumnMajorMatrix matrix, int firstRow)
    {
        _matrix = matrix;
        var count = _model.RowCount - firstRow;
        if (count <= 0) return;
        var position = new Dictionary<int, int>(_columns.Count);
        for (var k = 0; k < _columns.Count; k++) position[_columns[k]] = k;
        var starts = new int[count + 1];
        var indices = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var columns = _model.RowColumns(firstRow + i);
            var coefficients = _model.RowCoefficients(firstRow + i);
            for (var k = 0; k < columns.Length; k++)
            {
                if (!position.TryGetValue(columns[k], out var at)) continue;
                indices.Add(at);
                values.Add(coefficients[k]);
            }
            starts[i + 1] = indices.Count;
        }
        var (allLower, allUpper) = _model.RowRanges();
        var lower = allLower[firstRow..];
        var upper = allUpper[firstRow..];
        var index = indices.ToArray();
        var value = values.ToArray();
        fixed (int* st = starts, ix = index)
        fixed (double* v = value, l = lower, u = upper)
            HighsOptions.Check(HighsApi.AddRows(_highs, count, l, u, index.Length, st, ix, v), "the added rows");
        _changedSinceSolve = true;
    }

    /// <summary>
    /// The basic variable of each basis position of the last optimum: a model column, or <c>-1 - row</c> for a row's
    /// logical variable (HiGHS's basis matrix has the column <c>+e_row</c> for it, the logical being minus the row's activity);
    /// <see langword="null"/> when there is no basis (a model without columns has none).
    /// </summary>
    public int[]? BasicVariables()
    {
        if (_empty || _columns.Contains(Artificial)) return null;
        var basic = new int[_model.RowCount];
        fixed (int* b = basic)
        {
            if (HighsApi.GetBasicVariables(_highs, b) == HighsApi.StatusError) return null;
        }
        for (var r = 0; r < basic.Length; r++)
        {
            if (basic[r] >= 0) basic[r] = _columns[basic[r]];
        }
        return basic;
    }

    /// <summary>Row <paramref name="position"/> of the inverse of the last optimum's basis matrix, dense, into <paramref name="into"/>; false when HiGHS has none.</summary>
    public bool BasisInverseRow(int position, double[] into)
    {
        fixed (double* v = into) return HighsApi.GetBasisInverseRow(_highs, position, v, null, null) != HighsApi.StatusError;
    }

    /// <summary>The row activities of the last solve.</summary>
    public double[] RowActivities()
    {
        var activities = new double[_model.RowCount];
        ReadSolution(null, null, null, activities);
        return activities;
    }

    /// <summary>Solves from the last basis (from scratch the first time).</summary>
    /// <returns><see cref="LpStatus.Stopped"/> when <paramref name="limit"/> passes or <paramref name="cancellation"/> fires first.</returns>
    public LpStatus Solve(TimeSpan limit, CancellationToken cancellation)
    {
        if (limit <= TimeSpan.Zero || cancellation.IsCancellationRequested) return LpStatus.Stopped;
        _callbacks.Cancellation = cancellation;
        HighsOptions.SetTimeLimit(_highs, limit == TimeSpan.MaxValue ? null : limit);
        var primal = !_changedSinceSolve && _addedSinceSolve is > 0 and <= PrimalAfterAtMost;
        HighsOptions.Check(HighsApi.SetIntOptionValue(_highs, "simplex_strategy", primal ? PrimalSimplex : DualSimplex), "simplex_strategy");
        var run = HighsApi.Run(_highs);
        (_addedSinceSolve, _changedSinceSolve) = (0, false);
        var status = (HighsModelStatus)HighsApi.GetModelStatus(_highs);
        _empty = status == HighsModelStatus.ModelEmpty;
        return status switch
        {
            // Without columns (a warm start of all zeros) every activity is 0: optimal, with zero duals, when 0 keeps every row.
            HighsModelStatus.ModelEmpty => ZeroKeepsEveryRow() ? LpStatus.Optimal : LpStatus.Infeasible,
            HighsModelStatus.TimeLimit or HighsModelStatus.Interrupt => LpStatus.Stopped,
            _ when run == HighsApi.StatusError => LpStatus.Failed,
            HighsModelStatus.Optimal => LpStatus.Optimal,
            HighsModelStatus.Infeasible => LpStatus.Infeasible,
            _ => LpStatus.Failed,
        };
    }

    /// <summary>Copies the row duals of the last solve (minimization convention: reduced cost = cost - A'y).</summary>
    public void CopyRowDuals(Span<double> into)
    {
        if (_empty)
        {
            into[.._model.RowCount].Clear();
            return;
        }
        var rowDuals = new double[_model.RowCount];
        ReadSolution(null, rowDuals);
        rowDuals.CopyTo(into);
    }

    /// <summary>Copies the reduced costs of the columns present, in the order they were added.</summary>
    public void CopyReducedCosts(Span<double> into)
    {
        var columnDuals = new double[ColumnCount];
        ReadSolution(columnDuals, null);
        columnDuals.CopyTo(into);
    }

    /// <summary>The last solve's value of every model column (zero for columns not present).</summary>
    public double[] Solution()
    {
        var present = new double[ColumnCount];
        ReadSolution(null, null, present);
        var values = new double[_model.ColumnCount];
        for (var k = 0; k < present.Length; k++)
        {
            if (_columns[k] != Artificial) values[_columns[k]] = present[k];
        }
        return values;
    }

    public void Dispose()
    {
        _highs.Dispose();
        _callbacks.Dispose();
    }


    /// <summary>Whether all columns at zero keep every row (the answer of an LP without columns).</summary>
    private bool ZeroKeepsEveryRow() => Enumerable.Range(0, _model.RowCount).All(_model.ZeroKeeps);

    /// <summary><c>Highs_getSolution</c> writes all four arrays, so each gets room even when only one is wanted.</summary>
    private void ReadSolution(double[]? columnDuals, double[]? rowDuals, double[]? columnValues = null, double[]? rowValues = null)
    {
        columnValues ??= new double[ColumnCount];
        columnDuals ??= new double[ColumnCount];
        rowDuals ??= new double[_model.RowCount];
        rowValues ??= new double[_model.RowCount];
        fixed (double* cv = columnValues, cd = columnDuals, rv = rowValues, rd = rowDuals)
            HighsApi.GetSolution(_highs, cv, cd, rv, rd);
    }

    /// <summary>Some columns of a <see cref="LinearModel"/> as arrays in the order given, as the LP loaders take them (the matrix by column).</summary>
    /// <param name="Starts">Column <c>k</c> occupies <c>[Starts[k], Starts[k + 1])</c> of <paramref name="Rows"/> and <paramref name="Values"/>.</param>
    /// <param name="Rows">Row index of each nonzero.</param>
    /// <param name="Values">Coefficient of each nonzero.</param>
    /// <param name="Lower">Lower bound of each column.</param>
    /// <param name="Upper">Upper bound of each column.</param>
    /// <param name="Cost">Objective coefficient of each column.</param>
    private sealed record ColumnBlock(int[] Starts, int[] Rows, double[] Values, double[] Lower, double[] Upper, double[] Cost)
    {
        /// <summary>The columns <paramref name="columns"/> of <paramref name="model"/> with the objective <paramref name="cost"/>.</summary>
        public static ColumnBlock From(LinearModel model, ColumnMajorMatrix matrix, double[] cost, IReadOnlyList<int> columns)
        {
            var starts = new int[columns.Count + 1];
            for (var k = 0; k < columns.Count; k++) starts[k + 1] = starts[k] + matrix.Count(columns[k]);
            var rows = new int[starts[^1]];
            var values = new double[starts[^1]];
            var lower = new double[columns.Count];
            var upper = new double[columns.Count];
            var costs = new double[columns.Count];
            for (var k = 0; k < columns.Count; k++)
            {
                var j = columns[k];
                var at = starts[k];
                foreach (var (row, value) in matrix.Column(j)) (rows[at], values[at++]) = (row, value);
                lower[k] = model.Lower(j);
                upper[k] = model.Upper(j);
                costs[k] = cost[j];
            }
            return new ColumnBlock(starts, rows, values, lower, upper, costs);
        }
    }
}
