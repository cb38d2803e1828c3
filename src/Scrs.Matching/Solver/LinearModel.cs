namespace Scrs.Matching.Solver;

/// <summary>Sense of a linear constraint.</summary>
internal enum RowSense : byte
{
    LessOrEqual = (byte)'L',
    GreaterOrEqual = (byte)'G',
    Equal = (byte)'E',
}

/// <summary>
/// A mixed-integer linear program in memory, independent of any solver: columns with bounds, objective and integrality,
/// rows stored by row (CSR). The roster model builder writes it; a backend (<see cref="IMipSolver"/>) solves it; the MPS writer exports it.
/// </summary>
/// <remarks>Names are optional and produced on demand (<see cref="ColumnName"/>), so building a large model does not allocate a string per column.</remarks>
internal sealed class LinearModel
{
    private readonly List<double> _lower = [], _upper = [], _objective = [];
    private readonly List<bool> _integer = [];
    private List<int> _rowStarts = [0];
    private List<int> _indices = [];
    private List<double> _values = [];

    /// <summary>
    /// Where each row's coefficients start in <see cref="_values"/>, or -1 for a row whose coefficients are all 1 (a
    /// seat, a member's clique, a surge limit over slots): those are most of a roster model's non-zeros, and keeping
    /// no coefficient for them saves 8 bytes each (0.8 GB at 20,000 members).
    /// </summary>
    private List<int> _valueStarts = [];

    /// <summary>
    /// The rows' arrays before the last <see cref="Flush"/>, whose next one writes into them: at 20,000 members a pricing
    /// round stores a few thousand tours into rows of millions of entries, and arrays new each round cost more in the
    /// kernel's zeroing of their pages and in the collector than in the copy.
    /// </summary>
    private (List<int> Indices, List<double> Values, List<int> Starts, List<int> ValueStarts) _spare = ([], [], [], []);

    /// <summary>Ones, at least as many as the longest all-ones row has entries: the coefficients of every such row.</summary>
    private double[] _ones = [];

    private readonly List<RowSense> _senses = [];
    private readonly HashSet<int> _cuts = [];
    private readonly List<double> _rhs = [];

    /// <summary>The matrix <see cref="ByColumn"/> built, without tail, and the rows it holds.</summary>
    private ColumnMajorMatrix? _byColumn;
    private int _byColumnRows;

    /// <summary>
    /// The entries, in the rows of <see cref="_byColumn"/>, of the columns stored since it was built, as (column, row,
    /// value), each column's in increasing rows: its tail takes them from here. At 20,000 members a pricing round stores
    /// a few thousand tours, and building the matrix of all 7.9 million columns again for them took a third of the round
    /// (its arrays new each time, every page zeroed by the kernel); finding them by a pass over every row's entries (a
    /// test per entry of whether its column was stored since) was 7.9 % of the low level's time.
    /// </summary>
    private List<(int Column, int Row, double Value)> _late = [];

    /// <summary>
    /// The tail <see cref="ByColumn"/> last built, and the rows and entries of the model it was built over (a column stored
    /// since may have entries only in rows added after the matrix, which <see cref="_late"/> does not hold).
    /// </summary>
    private (ColumnMajorMatrix Matrix, int Rows, int Entries)? _tail;

    /// <summary>
    /// Which of the first columns rows keep entries of (<see cref="StoreOnly"/>); <see langword="null"/>: every column.
    /// Columns after them are always stored.
    /// </summary>
    private bool[]? _stored;

    /// <summary>Entries of columns stored since the rows were written (<see cref="AppendEntries"/>), merged into them on the next read.</summary>
    private readonly List<(int Row, int Column, double Value)> _pending = [];

    public LinearModel(string name) => Name = name;

    public string Name { get; }

    /// <summary>Whether the objective is maximized (default: minimized).</summary>
    public bool Maximize { get; set; }

    /// <summary>Constant added to the objective (kept out of the solver; reported values include it).</summary>
    public double ObjectiveOffset { get; set; }

    /// <summary>Names columns for export; default <c>x{index}</c>.</summary>
    public Func<int, string>? ColumnNames { get; set; }

    /// <summary>Names rows for export; default <c>r{index}</c>.</summary>
    public Func<int, string>? RowNames { get; set; }

    public int ColumnCount => _lower.Count;
    public int RowCount => _senses.Count;

    /// <summary>The entries the rows hold: those of stored columns only (<see cref="StoreOnly"/>).</summary>
    public int NonZeros => _indices.Count + _pending.Count;

    /// <summary>
    /// The columns whose entries are implicit until stored (<see cref="StoreOnly"/>): their reduced costs and entries come
    /// from here; <see langword="null"/> when every column is stored.
    /// </summary>
    public IImplicitColumns? Implicit { get; set; }

    /// <summary>
    /// From now on rows keep only the entries of columns <c>j</c> with <c>stored[j]</c> (and of every column past the
    /// array): a pool whose other columns are priced without being written (<see cref="Implicit"/>). Call it before the rows
    /// are added; <see cref="AppendEntries"/> stores more.
    /// </summary>
    public void StoreOnly(bool[] stored) => _stored = stored;

    /// <summary>Whether rows hold <paramref name="column"/>'s entries.</summary>
    public bool IsStored(int column) => _stored is null || column >= _stored.Length || _stored[column];

    /// <summary>
    /// Stores <paramref name="column"/> (not stored before) with its entries in existing rows: <paramref name="values"/>
    /// in <paramref name="rows"/>. They join the rows on the next read of a row.
    /// </summary>
    public void AppendEntries(int column, ReadOnlySpan<int> rows, ReadOnlySpan<double> values)
    {
        if (IsStored(column)) throw new InvalidOperationException($"Column {column} is stored already.");
        _stored![column] = true;
        for (var k = 0; k < rows.Length; k++) _pending.Add((rows[k], column, values[k]));
        if (_byColumn is null) return;
        var first = _late.Count;
        for (var k = 0; k < rows.Length; k++)
        {
            if (rows[k] < _byColumnRows) _late.Add((column, rows[k], values[k]));
        }
        // A pool may give a column's entries in any order; the tail wants them by row.
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_late)[first..].Sort((a, b) => a.Row.CompareTo(b.Row));
    }

    /// <summary>
    /// Merges the appended entries into the rows: each row keeps its entries and gets its new ones after them. A pass over
    /// every entry, once per batch of stored columns (the rows are one array, so a row cannot grow in place).
    /// </summary>
    private void Flush()
    {
        if (_pending.Count == 0) return;
        _pending.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        var (indices, values, starts, valueStarts) = _spare;
        indices.Clear();
        values.Clear();
        starts.Clear();
        valueStarts.Clear();
        starts.Add(0);
        var next = 0;
        for (var i = 0; i < RowCount; i++)
        {
            var (from, to, valued) = (_rowStarts[i], _rowStarts[i + 1], _valueStarts[i] >= 0);
            var added = next;
            while (next < _pending.Count && _pending[next].Row == i) next++;
            var ones = !valued;
            for (var k = added; k < next && ones; k++) ones = _pending[k].Value == 1.0;
            indices.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_indices)[from..to]);
            for (var k = added; k < next; k++) indices.Add(_pending[k].Column);
            if (ones)
            {
                valueStarts.Add(-1);
                if (_ones.Length < to - from + next - added) _ones = Enumerable.Repeat(1.0, 2 * (to - from + next - added)).ToArray();
            }
            else
            {
                valueStarts.Add(values.Count);
                if (valued) values.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values).Slice(_valueStarts[i], to - from));
                else values.AddRange(Enumerable.Repeat(1.0, to - from));
                for (var k = added; k < next; k++) values.Add(_pending[k].Value);
            }
            starts.Add(indices.Count);
        }
        _pending.Clear();
        _spare = (_indices, _values, _rowStarts, _valueStarts);
        (_indices, _values, _rowStarts, _valueStarts) = (indices, values, starts, valueStarts);
    }

    public int AddColumn(double lower, double upper, double objective, bool isInteger)
    {
        _lower.Add(lower);
        _upper.Add(upper);
        _objective.Add(objective);
        _integer.Add(isInteger);
        return _lower.Count - 1;
    }

    /// <summary>Adds the row <c>sum coefficients[k] x[columns[k]] (sense) rhs</c>; returns its index.</summary>
    public int AddRow(ReadOnlySpan<int> columns, ReadOnlySpan<double> coefficients, RowSense sense, double rhs)
    {
        if (columns.Length != coefficients.Length)
            throw new ArgumentException("columns and coefficients differ in length");
        foreach (var c in columns)
        {
            if ((uint)c >= (uint)_lower.Count)
                throw new ArgumentOutOfRangeException(nameof(columns), c, "no such column");
        }
        Flush();
        if (_stored is not null && columns.IndexOfAnyInRange(0, _stored.Length - 1) >= 0)
        {
            // The entries of columns not stored are left out: the implicit columns give them when asked.
            var (kept, keptValues) = (new List<int>(columns.Length), new List<double>(columns.Length));
            for (var k = 0; k < columns.Length; k++)
            {
                if (!IsStored(columns[k])) continue;
                kept.Add(columns[k]);
                keptValues.Add(coefficients[k]);
            }
            return Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keptValues), sense, rhs);
        }
        return Append(columns, coefficients, sense, rhs);
    }

    /// <summary>Writes a row whose columns are checked and stored.</summary>
    private int Append(ReadOnlySpan<int> columns, ReadOnlySpan<double> coefficients, RowSense sense, double rhs)
    {
        _indices.AddRange(columns);
        _rowStarts.Add(_indices.Count);
        if (coefficients.IndexOfAnyExcept(1.0) < 0)
        {
            _valueStarts.Add(-1);
            if (_ones.Length < coefficients.Length) _ones = Enumerable.Repeat(1.0, Math.Max(coefficients.Length, 2 * _ones.Length)).ToArray();
        }
        else
        {
            _valueStarts.Add(_values.Count);
            _values.AddRange(coefficients);
        }
        _senses.Add(sense);
        _rhs.Add(rhs);
        return _senses.Count - 1;
    }

    public void SetObjective(int column, double coefficient) => _objective[column] = coefficient;

    /// <summary>Sets every objective coefficient to zero.</summary>
    public void ClearObjective()
    {
        for (var i = 0; i < _objective.Count; i++) _objective[i] = 0;
        ObjectiveOffset = 0;
    }

    public void SetColumnBounds(int column, double lower, double upper)
    {
        _lower[column] = lower;
        _upper[column] = upper;
    }

    public void SetRhs(int row, double rhs) => _rhs[row] = rhs;

    /// <summary>
    /// Sets the sense of row <paramref name="row"/> and whether it is a cut. A cut made an equality (an optimal face) is
    /// a row like any other: it no longer holds at every integer solution, so no solver may leave it out.
    /// </summary>
    public void SetSense(int row, RowSense sense, bool isCut)
    {
        _senses[row] = sense;
        if (isCut) _cuts.Add(row);
        else _cuts.Remove(row);
    }

    public double Lower(int column) => _lower[column];
    public double Upper(int column) => _upper[column];
    public double Objective(int column) => _objective[column];
    public bool IsInteger(int column) => _integer[column];
    public RowSense Sense(int row) => _senses[row];

    /// <summary>
    /// Adds the cut <c>sum coefficients[k] x[columns[k]] &gt;= rhs</c>: a row that every integer solution of the other
    /// rows keeps, so that a solver may leave it out (CP-SAT does: its coefficients are rarely exact decimals); returns its index.
    /// </summary>
    public int AddCut(ReadOnlySpan<int> columns, ReadOnlySpan<double> coefficients, double rhs)
    {
        var row = AddRow(columns, coefficients, RowSense.GreaterOrEqual, rhs);
        _cuts.Add(row);
        return row;
    }

    /// <summary>
    /// The matrix by column, built once, with the entries added since as its tail: those of columns stored since and of
    /// rows added since (rows are only ever appended and never changed), so that the stages pricing one model share one
    /// copy instead of transposing it again each time (4.7 s and 1.4 GB at 20,000 members). It is rebuilt when columns
    /// were added, or when the tail holds more entries than it. It is compact: like the rows, it stores no coefficients for
    /// rows whose coefficients are all 1.
    /// </summary>
    public ColumnMajorMatrix ByColumn()
    {
        Flush();
        if (_byColumn is null || _byColumn.Starts.Length - 1 != ColumnCount || _late.Count > _byColumn.Rows.Length)
        {
            (_byColumn, _byColumnRows) = (ColumnMajorMatrix.OfRows(this, compact: true), RowCount);
            _late = [];
            _tail = null;
        }
        if (_byColumnRows == RowCount && _late.Count == 0) return _byColumn;
        // A tail is as big as what was added (levels fixed, cuts, a few thousand stored tours): built again when that grows.
        if (_tail is not { } tail || tail.Rows != RowCount || tail.Entries != NonZeros)
            _tail = tail = (ColumnMajorMatrix.Added(this, _byColumnRows, _late), RowCount, NonZeros);
        return _byColumn with { Tail = tail.Matrix };
    }

    /// <summary>
    /// A copy with only the columns <paramref name="kept"/> lists (in increasing order; they become columns 0, 1, ...),
    /// each row over its kept columns: the model with the other columns fixed at zero, smaller. A "less or equal" row
    /// with no negative coefficient that its kept columns at their upper bounds keep cannot bind any more and is left
    /// out, unless <paramref name="keep"/> names it (rows the caller refers to); so is every row <paramref name="drop"/>
    /// names (rows the caller makes anew).
    /// </summary>
    /// <returns>The copy, and each row's index in it (-1: left out).</returns>
    public (LinearModel Model, int[] Rows) Restricted(int[] kept, Predicate<int> keep, Predicate<int> drop)
    {
        Flush();
        var map = new int[ColumnCount];
        Array.Fill(map, -1);
        for (var k = 0; k < kept.Length; k++) map[kept[k]] = k;
        var copy = new LinearModel(Name) { Maximize = Maximize, ObjectiveOffset = ObjectiveOffset };
        foreach (var j in kept)
        {
            copy._lower.Add(_lower[j]);
            copy._upper.Add(_upper[j]);
            copy._objective.Add(_objective[j]);
            copy._integer.Add(_integer[j]);
        }
        copy._indices.Capacity = _indices.Count;
        var rows = new int[RowCount];
        for (var i = 0; i < RowCount; i++)
        {
            var valued = _valueStarts[i] >= 0;
            var (entries, values) = (copy._indices.Count, copy._values.Count);
            var most = 0.0;
            for (var k = _rowStarts[i]; k < _rowStarts[i + 1]; k++)
            {
                var to = map[_indices[k]];
                if (to < 0) continue;
                copy._indices.Add(to);
                var coefficient = valued ? _values[_valueStarts[i] + k - _rowStarts[i]] : 1.0;
                if (valued) copy._values.Add(coefficient);
                most += coefficient < 0 ? double.PositiveInfinity : coefficient * _upper[_indices[k]];
            }
            if (drop(i) || _senses[i] == RowSense.LessOrEqual && most <= _rhs[i] && !keep(i))
            {
                copy._indices.RemoveRange(entries, copy._indices.Count - entries);
                copy._values.RemoveRange(values, copy._values.Count - values);
                rows[i] = -1;
                continue;
            }
            rows[i] = copy._senses.Count;
            copy._valueStarts.Add(valued ? values : -1);
            copy._rowStarts.Add(copy._indices.Count);
            copy._senses.Add(_senses[i]);
            copy._rhs.Add(_rhs[i]);
            if (_cuts.Contains(i)) copy._cuts.Add(rows[i]);
        }
        copy._ones = _ones;
        return (copy, rows);
    }

    /// <summary>A copy to change on its own; the matrix by column, which no change touches, is shared.</summary>
    public LinearModel Clone()
    {
        Flush();
        var copy = new LinearModel(Name) { Maximize = Maximize, ObjectiveOffset = ObjectiveOffset, ColumnNames = ColumnNames, RowNames = RowNames };
        copy._lower.AddRange(_lower);
        copy._upper.AddRange(_upper);
        copy._objective.AddRange(_objective);
        copy._integer.AddRange(_integer);
        copy._rowStarts.Clear();
        copy._rowStarts.AddRange(_rowStarts);
        copy._indices.AddRange(_indices);
        copy._values.AddRange(_values);
        copy._valueStarts.AddRange(_valueStarts);
        copy._ones = _ones;
        copy._senses.AddRange(_senses);
        copy._cuts.UnionWith(_cuts);
        copy._rhs.AddRange(_rhs);
        // The copy's matrix is this one's with its tail: the columns stored since it was built are stored in the copy too.
        (copy._byColumn, copy._byColumnRows, copy._late, copy._tail) = (_byColumn, _byColumnRows, [.. _late], _tail);
        copy._stored = _stored is null ? null : (bool[])_stored.Clone();
        return copy;
    }

    /// <summary>Whether all columns at zero keep row <paramref name="row"/> (within <see cref="SolutionCheck.Tolerance"/>).</summary>
    public bool ZeroKeeps(int row) => _senses[row] switch
    {
        RowSense.LessOrEqual => _rhs[row] >= -SolutionCheck.Tolerance,
        RowSense.GreaterOrEqual => _rhs[row] <= SolutionCheck.Tolerance,
        _ => Math.Abs(_rhs[row]) <= SolutionCheck.Tolerance,
    };

    /// <summary>Whether every coefficient of <paramref name="row"/> is 1 (such rows store none).</summary>
    public bool IsAllOnes(int row)
    {
        Flush();
        return _valueStarts[row] < 0;
    }

    /// <summary>Whether <paramref name="row"/> was added by <see cref="AddCut"/>.</summary>
    public bool IsCut(int row) => _cuts.Contains(row);
    public double Rhs(int row) => _rhs[row];

    /// <summary>Every row as a range <c>lower &lt;= activity &lt;= upper</c> (infinite on the open side), as the COIN-OR loaders take them.</summary>
    public (double[] Lower, double[] Upper) RowRanges()
    {
        var lower = new double[RowCount];
        var upper = new double[RowCount];
        for (var i = 0; i < RowCount; i++)
        {
            var rhs = _rhs[i];
            (lower[i], upper[i]) = _senses[i] switch
            {
                RowSense.LessOrEqual => (double.NegativeInfinity, rhs),
                RowSense.GreaterOrEqual => (rhs, double.PositiveInfinity),
                _ => (rhs, rhs),
            };
        }
        return (lower, upper);
    }

    /// <summary>Every column's bounds and objective coefficient as arrays, as the solver loaders take them.</summary>
    public (double[] Lower, double[] Upper, double[] Objective) ColumnArrays() => ([.. _lower], [.. _upper], [.. _objective]);

    /// <summary>The column indices of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> RowColumns(int row)
    {
        Flush();
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_indices)[_rowStarts[row].._rowStarts[row + 1]];
    }

    /// <summary>The coefficients of row <paramref name="row"/>, parallel to <see cref="RowColumns"/>.</summary>
    public ReadOnlySpan<double> RowCoefficients(int row)
    {
        Flush();
        var length = _rowStarts[row + 1] - _rowStarts[row];
        return _valueStarts[row] < 0
            ? _ones.AsSpan(0, length)
            : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values).Slice(_valueStarts[row], length);
    }

    public string ColumnName(int column) => ColumnNames?.Invoke(column) ?? $"x{column}";
    public string RowName(int row) => RowNames?.Invoke(row) ?? $"r{row}";

    /// <summary>
    /// The largest number that divides the objective difference of any two solutions: the greatest common divisor of
    /// the objective coefficients when only integer columns carry coefficients and they are all integers; 0 otherwise
    /// (no such step is known), and 1 for an objective that is all zero.
    /// </summary>
    public long ObjectiveStep()
    {
        var step = 0L;
        for (var j = 0; j < _objective.Count; j++)
        {
            var c = _objective[j];
            if (c == 0) continue;
            if (!_integer[j] || c != Math.Round(c) || Math.Abs(c) > 1e15) return 0;
            step = Gcd(step, (long)Math.Abs(c));
        }
        return step == 0 ? 1 : step;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Objective value of a full assignment of column values (including <see cref="ObjectiveOffset"/>).</summary>
    public double Evaluate(ReadOnlySpan<double> values)
    {
        var sum = ObjectiveOffset;
        for (var i = 0; i < _objective.Count; i++) sum += _objective[i] * values[i];
        return sum;
    }
}
