namespace Scrs.Matching.Solver;

/// <summary>
/// The constraint matrix of a <see cref="LinearModel"/> by column (CSC), as CBC's loader and the MPS format want it;
/// within a column the rows are in increasing order.
/// </summary>
/// <param name="Starts">Column <c>j</c> occupies <c>[Starts[j], Starts[j + 1])</c> of the other two arrays.</param>
/// <param name="Rows">Row index of each nonzero.</param>
/// <param name="Values">Coefficient of each nonzero.</param>
/// <param name="Tail">
/// The entries of rows added after these (all with higher row numbers), or <see langword="null"/>: a column's entries are
/// its entries here, then its entries in the tail. Only <see cref="LinearModel.ByColumn"/> makes one; a loader that wants
/// one plain matrix takes <see cref="From"/>.
/// </param>
internal sealed record ColumnMajorMatrix(int[] Starts, int[] Rows, double[] Values, ColumnMajorMatrix? Tail = null)
{
    /// <summary>How many entries column <paramref name="j"/> has.</summary>
    public int Count(int j) => Starts[j + 1] - Starts[j] + (Tail?.Count(j) ?? 0);

    /// <summary>
    /// <paramref name="cost"/> minus the product of column <paramref name="j"/> with <paramref name="y"/> (a value per
    /// row): a reduced cost, pricing's hot loop, kept plain. The entries are subtracted one by one in row order, so the
    /// rounding is the same with or without a tail (column generation's path, and with it the corps's time, is
    /// sensitive to the last bit of a reduced cost).
    /// </summary>
    public double Reduce(int j, double cost, double[] y)
    {
        for (var k = Starts[j]; k < Starts[j + 1]; k++) cost -= y[Rows[k]] * Values[k];
        return Tail is null ? cost : Tail.Reduce(j, cost, y);
    }

    /// <summary>The entries of column <paramref name="j"/>, rows increasing.</summary>
    public ColumnEntries Column(int j) => new(this, j);

    /// <summary>The matrix of <paramref name="model"/>.</summary>
    public static ColumnMajorMatrix From(LinearModel model) => OfRows(model, 0);

    /// <summary>
    /// The rows of <paramref name="model"/> from <paramref name="firstRow"/> on, by column (the other rows have no entry).
    /// </summary>
    public static ColumnMajorMatrix OfRows(LinearModel model, int firstRow)
    {
        var starts = new int[model.ColumnCount + 1];
        for (var i = firstRow; i < model.RowCount; i++)
            foreach (var c in model.RowColumns(i)) starts[c + 1]++;
        for (var j = 0; j < model.ColumnCount; j++) starts[j + 1] += starts[j];
        var next = starts[..model.ColumnCount];
        var rows = new int[starts[^1]];
        var values = new double[starts[^1]];
        for (var i = firstRow; i < model.RowCount; i++)
        {
            var columns = model.RowColumns(i);
            var coefficients = model.RowCoefficients(i);
            for (var k = 0; k < columns.Length; k++)
            {
                var at = next[columns[k]]++;
                rows[at] = i;
                values[at] = coefficients[k];
            }
        }
        return new ColumnMajorMatrix(starts, rows, values);
    }
}

/// <summary>The entries of one column of a <see cref="ColumnMajorMatrix"/> and its tail, rows increasing.</summary>
internal ref struct ColumnEntries(ColumnMajorMatrix matrix, int column)
{
    private ColumnMajorMatrix? _part = matrix;
    private int _at = matrix.Starts[column] - 1;

    public readonly ColumnEntries GetEnumerator() => this;

    /// <summary>The row and the coefficient of the current entry.</summary>
    public readonly (int Row, double Value) Current => (_part!.Rows[_at], _part.Values[_at]);

    public bool MoveNext()
    {
        while (_part is not null)
        {
            if (++_at < _part.Starts[column + 1]) return true;
            _part = _part.Tail;
            if (_part is not null) _at = _part.Starts[column] - 1;
        }
        return false;
    }
}
