namespace Scrs.Matching.Solver;

/// <summary>How a solve of the LP relaxation ended.</summary>
internal enum LpStatus
{
    /// <summary>Optimal: primal and dual values are valid.</summary>
    Optimal,
    /// <summary>No point satisfies the rows with the columns present.</summary>
    Infeasible,
    /// <summary>Stopped by the time limit or the cancellation token before optimality.</summary>
    Stopped,
    /// <summary>Unbounded, or the solver gave up; nothing it returned is trusted.</summary>
    Failed,
}

/// <summary>
/// The LP relaxation of a <see cref="LinearModel"/> restricted to a growing subset of its columns, as LP pricing uses
/// it: every row of the model is present from the start, columns are appended, and each solve after an addition
/// restarts from the last basis.
/// </summary>
/// <remarks>The objective is always minimized: callers pass the costs of a maximization negated.</remarks>
internal interface IRestrictedLinearProgram : IDisposable
{
    /// <summary>Number of columns present.</summary>
    int ColumnCount { get; }

    /// <summary>Objective value of the last optimal solve.</summary>
    double Objective { get; }

    /// <summary>Appends model columns; they enter the LP at zero.</summary>
    void Add(IReadOnlyList<int> columns);

    /// <summary>Solves from the last basis (from scratch the first time).</summary>
    /// <returns><see cref="LpStatus.Stopped"/> when <paramref name="limit"/> passes or <paramref name="cancellation"/> fires first.</returns>
    LpStatus Solve(TimeSpan limit, CancellationToken cancellation);

    /// <summary>Copies the row duals of the last solve (minimization convention: reduced cost = cost - A'y).</summary>
    void CopyRowDuals(Span<double> into);

    /// <summary>Copies the reduced costs of the columns present, in the order they were added.</summary>
    void CopyReducedCosts(Span<double> into);

    /// <summary>The last solve's value of every model column (zero for columns not present).</summary>
    double[] Solution();
}

/// <summary>Creates the restricted LP of a pricing run.</summary>
/// <param name="model">Rows, bounds and coefficients.</param>
/// <param name="matrix">The model's matrix by column.</param>
/// <param name="cost">The objective to minimize, one coefficient per model column.</param>
/// <param name="columns">The model columns present at first.</param>
/// <param name="threads">The threads of the MIP solves of the same run (HiGHS instances on one thread share one scheduler, whose size must not change while one lives).</param>
internal delegate IRestrictedLinearProgram RestrictedLinearProgramFactory(
    LinearModel model, ColumnMajorMatrix matrix, double[] cost, IReadOnlyList<int> columns, int threads);

/// <summary>Some columns of a <see cref="LinearModel"/> as arrays in the order given, as the LP loaders take them (the matrix by column).</summary>
/// <param name="Starts">Column <c>k</c> occupies <c>[Starts[k], Starts[k + 1])</c> of <paramref name="Rows"/> and <paramref name="Values"/>.</param>
/// <param name="Rows">Row index of each nonzero.</param>
/// <param name="Values">Coefficient of each nonzero.</param>
/// <param name="Lower">Lower bound of each column.</param>
/// <param name="Upper">Upper bound of each column.</param>
/// <param name="Cost">Objective coefficient of each column.</param>
internal sealed record ColumnBlock(int[] Starts, int[] Rows, double[] Values, double[] Lower, double[] Upper, double[] Cost)
{
    /// <summary>The columns <paramref name="columns"/> of <paramref name="model"/> with the objective <paramref name="cost"/>.</summary>
    public static ColumnBlock From(LinearModel model, ColumnMajorMatrix matrix, double[] cost, IReadOnlyList<int> columns)
    {
        var starts = new int[columns.Count + 1];
        for (var k = 0; k < columns.Count; k++)
            starts[k + 1] = starts[k] + matrix.Starts[columns[k] + 1] - matrix.Starts[columns[k]];
        var rows = new int[starts[^1]];
        var values = new double[starts[^1]];
        var lower = new double[columns.Count];
        var upper = new double[columns.Count];
        var costs = new double[columns.Count];
        for (var k = 0; k < columns.Count; k++)
        {
            var j = columns[k];
            var from = matrix.Starts[j];
            var length = matrix.Starts[j + 1] - from;
            Array.Copy(matrix.Rows, from, rows, starts[k], length);
            Array.Copy(matrix.Values, from, values, starts[k], length);
            lower[k] = model.Lower(j);
            upper[k] = model.Upper(j);
            costs[k] = cost[j];
        }
        return new ColumnBlock(starts, rows, values, lower, upper, costs);
    }
}
