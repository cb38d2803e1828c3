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
/// The entries added after these (<see cref="Added"/>: of rows added since, and of columns stored since, which have no
/// entry here), or <see langword="null"/>: a column's entries are its entries here, then its entries in the tail, rows
/// still increasing. Only <see cref="LinearModel.ByColumn"/> makes one; a loader that wants one plain matrix takes
/// <see cref="From"/>.
/// </param>
/// <param name="Slots">
/// When set, the matrix holds only some columns: column <c>j</c>'s entries are those of slot <c>Slots[j]</c> in
/// <paramref name="Starts"/> (none where it has no slot). A tail has them, so that it is as big as what was added, not as
/// the columns.
/// </param>
internal sealed record ColumnMajorMatrix(int[] Starts, int[] Rows, double[] Values, int[]? ValueStarts = null, ColumnMajorMatrix? Tail = null, Dictionary<int, int>? Slots = null)
{
    /// <summary>How many entries column <paramref name="j"/> has.</summary>
    public int Count(int j)
    {
        var s = Slot(j);
        return (s < 0 ? 0 : Starts[s + 1] - Starts[s]) + (Tail?.Count(j) ?? 0);
    }

    /// <summary>Where column <paramref name="j"/>'s entries are in <see cref="Starts"/>; -1 when it has none here.</summary>
    private int Slot(int j) => Slots is null ? j : Slots.GetValueOrDefault(j, -1);

    /// <summary>
    /// <paramref name="cost"/> minus the product of column <paramref name="j"/> with <paramref name="y"/> (a value per
    /// row): a reduced cost, pricing's hot loop, kept plain. The entries are subtracted one by one in row order, so the
    /// rounding is the same with or without a tail, compact or plain (column generation's path, and with it the corps's
    /// time, is sensitive to the last bit of a reduced cost; <c>y * 1.0</c> is <c>y</c> exactly).
    /// </summary>
    public double Reduce(int j, double cost, double[] y)
    {
        var s = Slot(j);
        if (s < 0)
        {
            // No entry here.
        }
        else if (ValueStarts is null)
        {
            for (var k = Starts[s]; k < Starts[s + 1]; k++) cost -= y[Rows[k]] * Values[k];
        }
        else
        {
            var v = ValueStarts[s];
            for (var k = Starts[s]; k < Starts[s + 1]; k++)
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
    public static ColumnMajorMatrix From(LinearModel model) => OfRows(model, compact: false);

    /// <summary>
    /// The rows of <paramref name="model"/> by column; <paramref name="compact"/> leaves out the coefficients of rows whose coefficients are all 1 (at 20,000 members,
    /// 95 M of 118.5 M entries: 0.76 GB).
    /// </summary>
    public static ColumnMajorMatrix OfRows(LinearModel model, bool compact)
    {
        var starts = new int[model.ColumnCount + 1];
        // Only a compact matrix needs its own offsets into the coefficients: a plain one's are the entries' own.
        var valueStarts = compact ? new int[model.ColumnCount + 1] : null;
        for (var i = 0; i < model.RowCount; i++)
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
        for (var i = 0; i < model.RowCount; i++)
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

    /// <summary>
    /// The tail of a matrix built over the rows before <paramref name="firstRow"/>: the entries <paramref name="late"/>
    /// lists (those in those rows of the columns stored since, each column's together and by row), and every entry of
    /// the rows from <paramref name="firstRow"/> on. Plain, with slots for the columns that have an entry, so that it is
    /// as big as what was added.
    /// </summary>
    public static ColumnMajorMatrix Added(LinearModel model, int firstRow, List<(int Column, int Row, double Value)> late)
    {
        var slots = new Dictionary<int, int>();
        var counts = new List<int>();
        int SlotOf(int column)
        {
            if (!slots.TryGetValue(column, out var slot))
            {
                slots[column] = slot = counts.Count;
                counts.Add(0);
            }
            return slot;
        }
        // The late entries come a column at a time: one look-up per column, not per entry.
        for (var k = 0; k < late.Count;)
        {
            var (column, end) = (late[k].Column, k + 1);
            while (end < late.Count && late[end].Column == column) end++;
            counts[SlotOf(column)] += end - k;
            k = end;
        }
        for (var i = firstRow; i < model.RowCount; i++)
        {
            foreach (var c in model.RowColumns(i)) counts[SlotOf(c)]++;
        }
        var starts = new int[counts.Count + 1];
        for (var s = 0; s < counts.Count; s++) starts[s + 1] = starts[s] + counts[s];
        var next = starts[..counts.Count];
        var rows = new int[starts[^1]];
        var values = new double[starts[^1]];
        // The late entries are in rows before firstRow, so each column's entries stay in increasing rows.
        for (var k = 0; k < late.Count;)
        {
            var column = late[k].Column;
            var at = next[slots[column]];
            for (; k < late.Count && late[k].Column == column; k++, at++) (rows[at], values[at]) = (late[k].Row, late[k].Value);
            next[slots[column]] = at;
        }
        for (var i = firstRow; i < model.RowCount; i++)
        {
            var columns = model.RowColumns(i);
            var coefficients = model.RowCoefficients(i);
            for (var k = 0; k < columns.Length; k++)
            {
                var at = next[slots[columns[k]]]++;
                (rows[at], values[at]) = (i, coefficients[k]);
            }
        }
        return new ColumnMajorMatrix(starts, rows, values, Slots: slots);
    }
}

/// <summary>The entries of one column of a <see cref="ColumnMajorMatrix"/> and its tail, rows increasing.</summary>
internal ref struct ColumnEntries
{
    private readonly int _column;
    private ColumnMajorMatrix? _part;
    private int _at, _end, _value;

    public ColumnEntries(ColumnMajorMatrix matrix, int column)
    {
        _column = column;
        _part = matrix;
        Enter();
    }

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
            if (++_at < _end)
            {
                if (_part.ValueStarts is not null && _part.Rows[_at] < 0) _value++;
                return true;
            }
            _part = _part.Tail;
            if (_part is not null) Enter();
        }
        return false;
    }

    /// <summary>Points before the column's first entry in <see cref="_part"/>.</summary>
    private void Enter()
    {
        var slot = _part!.Slots is { } slots ? slots.GetValueOrDefault(_column, -1) : _column;
        (_at, _end, _value) = slot < 0 ? (-1, 0, -1) : (_part.Starts[slot] - 1, _part.Starts[slot + 1], (_part.ValueStarts?[slot] ?? 0) - 1);
    }
}
