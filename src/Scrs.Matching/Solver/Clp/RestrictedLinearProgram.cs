using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Solver.Clp;

/// <summary>
/// The LP relaxation of a <see cref="LinearModel"/> restricted to a growing subset of its columns, solved by Clp. Every
/// row of the model is present from the start, so a column can be added at any time; after an addition the primal
/// simplex restarts from the last basis, which the new columns (at zero) leave primal feasible.
/// </summary>
/// <remarks>The objective is always minimized: callers pass the costs of a maximization negated.</remarks>
internal sealed unsafe class RestrictedLinearProgram : IRestrictedLinearProgram
{
    private readonly ClpModelHandle _clp;
    private readonly LinearModel _model;
    private readonly ColumnMajorMatrix _matrix;
    private readonly double[] _cost;
    private readonly List<int> _columns = [];
    private bool _solved;

    /// <param name="model">Rows, bounds and coefficients.</param>
    /// <param name="matrix">The model's matrix by column.</param>
    /// <param name="cost">The objective to minimize, one coefficient per model column.</param>
    /// <param name="columns">The model columns present at first.</param>
    public RestrictedLinearProgram(LinearModel model, ColumnMajorMatrix matrix, double[] cost, IReadOnlyList<int> columns)
    {
        NativeLibraries.EnsureLoaded(NativeLibraries.Clp);
        _model = model;
        _matrix = matrix;
        _cost = cost;
        _clp = ClpApi.NewModel();
        ClpApi.SetLogLevel(_clp, 0);

        var (rowLower, rowUpper) = model.RowRanges();
        var block = Block(columns);
        fixed (int* s = block.Starts, r = block.Rows)
        fixed (double* e = block.Values, cl = block.Lower, cu = block.Upper, o = block.Cost, rl = rowLower, ru = rowUpper)
            ClpApi.LoadProblem(_clp, columns.Count, model.RowCount, s, r, e, cl, cu, o, rl, ru);
        _columns.AddRange(columns);
    }

    /// <summary>How long the simplex runs before the cancellation token is first checked. Default: a quarter second.</summary>
    public TimeSpan Slice { get; init; } = TimeSpan.FromSeconds(0.25);

    /// <summary>The longest slice: the worst delay before a cancellation is seen. Default: four seconds.</summary>
    public TimeSpan MaximumSlice { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Number of columns present.</summary>
    public int ColumnCount => _columns.Count;

    /// <summary>Objective value of the last optimal solve.</summary>
    public double Objective => ClpApi.ObjectiveValue(_clp);

    /// <summary>Appends model columns; they enter the LP at zero.</summary>
    public void Add(IReadOnlyList<int> columns)
    {
        if (columns.Count == 0) return;
        var block = Block(columns);
        fixed (int* s = block.Starts, r = block.Rows)
        fixed (double* e = block.Values, cl = block.Lower, cu = block.Upper, o = block.Cost)
            ClpApi.AddColumns(_clp, columns.Count, cl, cu, o, s, r, e);
        _columns.AddRange(columns);
    }

    /// <summary>
    /// Solves: the dual simplex from scratch the first time, then the primal simplex from the last basis. Clp has no
    /// interrupt, so the simplex runs in slices (from <see cref="Slice"/>, doubling up to <see cref="MaximumSlice"/>),
    /// each resuming from where the last stopped, and the token is checked between them.
    /// </summary>
    /// <returns><see cref="LpStatus.Stopped"/> when <paramref name="limit"/> passes or <paramref name="cancellation"/> fires first.</returns>
    public LpStatus Solve(TimeSpan limit, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var useDual = !_solved;
        _solved = true;
        // Each slice doubles (up to MaximumSlice): a resumed simplex repeats some start-up work, so a hard LP must
        // eventually get long uninterrupted runs; an easy one is never interrupted at all.
        var slice = Slice;
        while (true)
        {
            var remaining = limit - clock.Elapsed;
            if (remaining <= TimeSpan.Zero || cancellation.IsCancellationRequested) return LpStatus.Stopped;
            ClpApi.SetMaximumSeconds(_clp, Math.Max(0.001, Math.Min(remaining.TotalSeconds, slice.TotalSeconds)));
            slice = TimeSpan.FromTicks(Math.Min(2 * slice.Ticks, MaximumSlice.Ticks));
            if (useDual) ClpApi.Dual(_clp, 0);
            else ClpApi.Primal(_clp, 0);
            var status = ClpApi.Status(_clp) switch
            {
                0 => LpStatus.Optimal,
                1 => LpStatus.Infeasible,
                3 => LpStatus.Stopped,
                _ => LpStatus.Failed,
            };
            if (status != LpStatus.Stopped) return status;
        }
    }

    /// <summary>Copies the row duals of the last solve (minimization convention: reduced cost = cost - A'y).</summary>
    public void CopyRowDuals(Span<double> into) => new ReadOnlySpan<double>(ClpApi.GetRowPrice(_clp), _model.RowCount).CopyTo(into);

    /// <summary>Copies the reduced costs of the columns present, in the order they were added.</summary>
    public void CopyReducedCosts(Span<double> into) => new ReadOnlySpan<double>(ClpApi.GetReducedCost(_clp), ColumnCount).CopyTo(into);

    /// <summary>The last solve's value of every model column (zero for columns not present).</summary>
    public double[] Solution()
    {
        var values = new double[_model.ColumnCount];
        var present = new ReadOnlySpan<double>(ClpApi.GetColSolution(_clp), ColumnCount);
        for (var k = 0; k < present.Length; k++) values[_columns[k]] = present[k];
        return values;
    }

    public void Dispose() => _clp.Dispose();

    /// <summary>The <see cref="RestrictedLinearProgramFactory"/> of Clp (which runs single-threaded).</summary>
    public static IRestrictedLinearProgram Create(LinearModel model, ColumnMajorMatrix matrix, double[] cost, IReadOnlyList<int> columns, int threads) =>
        new RestrictedLinearProgram(model, matrix, cost, columns);

    private ColumnBlock Block(IReadOnlyList<int> columns) => ColumnBlock.From(_model, _matrix, _cost, columns);
}
