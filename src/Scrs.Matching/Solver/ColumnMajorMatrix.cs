namespace Scrs.Matching.Solver;

/// <summary>
/// The constraint matrix of a <see cref="LinearModel"/> by column (CSC), as CBC's loader and the MPS format want it;
/// within a column the rows are in increasing order.
/// </summary>
/// <param name="Starts">Column <c>j</c> occupies <c>[Starts[j], Starts[j + 1])</c> of <paramref name="Rows"/>.</param>
/// <param name="Rows">
/// Row index of each nonzero; in a compact matrix (<paramref name="ValueStarts"/> set), the complement <c>~row</c> marks
/// an entry with its coefficient in <paramref name="Values"/>, and a plain row index an entry of a row whose
/// coefficients are all 1.
/// </param>
/// <param name="Values">
/// Coefficient of each nonzero; in a compact matrix, only those of the marked entries, column by column.
/// </param>
/// <param name="ValueStarts">
/// In a compact matrix, where column <c>j</c>'s coefficients start in <paramref name="Values"/>; <see langword="null"/> in
/// a plain one, whose arrays the loaders take as they are.
/// </param>
/// <param name="Tail">
/// The entries of rows added after these (all with higher row numbers), or <see langword="null"/>: a column's entries are
/// its entries here, then its entries in the tail. Only <see cref="LinearModel.ByColumn"/> makes one; a loader that wants
/// one plain matrix takes <see cref="From"/>.
/// </param>
internal sealed record ColumnMajorMatrix(int[] Starts, int[] Rows, double[] Values, int[]? ValueStarts = null, ColumnMajorMatrix? Tail = null)
{
    /// <summary>How many entries column <paramref name="j"/> has.</summary>
    public int Count(int j) => Starts[j + 1] - Starts[j] + (Tail?.Count(j) ?? 0);

    /// <summary>
    /// <paramref name="cost"/> minus the product of column <paramref name="j"/> with <paramref name="y"/> (a value per
    /// row): a reduced cost, pricing's hot loop, kept plain. The entries are subtracted one by one in row order, so the
    /// rounding is the same with or without a tail, compact or plain (column generation's path, and with it the corps's
    /// time, is sensitive to the last bit of a reduced cost; <c>y * 1.0</c> is <c>y</c> exactly).
    /// </summary>
    public double Reduce(int j, double cost, double[] y)
    {
        if (ValueStarts is null)
        {
            for (var k = Starts[j]; k < Starts[j + 1]; k++) cost -= y[Rows[k]] * Values[k];
        }
        else
        {
            var v = ValueStarts[j];
            for (var k = Starts[j]; k < Starts[j + 1]; k++)
            {
                var row = Rows[k];
                cost -= row >= 0 ? y[row] : y[~row] * Values[v++];
            }
        }
        return Tail is null ? cost : Tail.Reduce(j, cost, y);
    }

    /// <summary>The entries of column <paramref name="j"/>, rows increasing.</summary>
    public ColumnEntries Column(int j) => new(this, j);

    /// <summary>The matrix of <paramref name="model"/>, plain.</summary>
    public static ColumnMajorMatrix From(LinearModel model) => OfRows(model, 0, compact: false);

    /// <summary>
    /// The rows of <paramref name="model"/> from <paramref name="firstRow"/> on, by column (the other rows have no entry);
    /// <paramref name="compact"/> leaves out the coefficients of rows whose coefficients are all 1 (at 20,000 members,
    /// 95 M of 118.5 M entries: 0.76 GB).
    /// </summary>
    public static ColumnMajorMatrix OfRows(LinearModel model, int firstRow, bool compact)
    {
        var starts = new int[model.ColumnCount + 1];
        // Only a compact matrix needs its own offsets into the coefficients: a plain one's are the entries' own.
        var valueStarts = compact ? new int[model.ColumnCount + 1] : null;
        for (var i = firstRow; i < model.RowCount; i++)
        {
            var valued = valueStarts is not null && !model.IsAllOnes(i);
            foreach (var c in model.RowColumns(i))
            {
                starts[c + 1]++;
                if (valued) valueStarts![c + 1]++;
            }
        }
        for (var j = 0; j < model.ColumnCount; j++)
        {
            starts[j + 1] += starts[j];
            if (valueStarts is not null) valueStarts[j + 1] += valueStarts[j];
        }
        var next = starts[..model.ColumnCount];
        var nextValue = valueStarts?[..model.ColumnCount];
        var rows = new int[starts[^1]];
        var values = new double[valueStarts?[^1] ?? starts[^1]];
        for (var i = firstRow; i < model.RowCount; i++)
        {
            var columns = model.RowColumns(i);
            if (compact && model.IsAllOnes(i))
            {
                foreach (var c in columns) rows[next[c]++] = i;
                continue;
            }
            var coefficients = model.RowCoefficients(i);
            var mark = compact ? ~i : i;
            for (var k = 0; k < columns.Length; k++)
            {
                var at = next[columns[k]]++;
                rows[at] = mark;
                values[nextValue is null ? at : nextValue[columns[k]]++] = coefficients[k];
            }
        }
        return new ColumnMajorMatrix(starts, rows, values, valueStarts);
    }
}

/// <summary>The entries of one column of a <see cref="ColumnMajorMatrix"/> and its tail, rows increasing.</summary>
internal ref struct ColumnEntries(ColumnMajorMatrix matrix, int column)
{
    private ColumnMajorMatrix? _part = matrix;
    private int _at = matrix.Starts[column] - 1;
    private int _value = (matrix.ValueStarts?[column] ?? 0) - 1;

    public readonly ColumnEntries GetEnumerator() => this;

    /// <summary>The row and the coefficient of the current entry.</summary>
    public readonly (int Row, double Value) Current
    {
        get
        {
            var row = _part!.Rows[_at];
            if (_part.ValueStarts is null) return (row, _part.Values[_at]);
            return row >= 0 ? (row, 1.0) : (~row, _part.Values[_value]);
        }
    }

    public bool MoveNext()
    {
        while (_part is not null)
        {
            if (++_at < _part.Starts[column + 1])
            {
                if (_part.ValueStarts is not null && _part.Rows[_at] < 0) _value++;
                return true;
            }
            _part = _part.Tail;
            if (_part is null) break;
            _at = _part.Starts[column] - 1;
            _value = (_part.ValueStarts?[column] ?? 0) - 1;
        }
        return false;
    }
}
