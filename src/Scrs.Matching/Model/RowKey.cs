namespace Scrs.Matching.Model;

/// <summary>What a row of a roster model is, as far as tour columns go: which tours have an entry in it, and what entry.</summary>
internal enum RowKind : byte
{
    /// <summary>No tour has an entry (rows over auxiliary columns only: surge cliques, operation shares).</summary>
    NoTours,
    /// <summary>Every tour covering slot <c>B</c> of position <c>A</c>, with entry <see cref="RowKey.Value"/> (seats: 1; a fill column's definition: -1).</summary>
    Slot,
    /// <summary>Every tour covering slot <c>C</c> of position <c>B</c> whose member surge limit <c>A</c> counts, with entry -1 (the definition of its count).</summary>
    Scoped,
    /// <summary>Every tour of member <c>A</c> whose days stretched by the rest days hold day <c>B</c>, with entry 1.</summary>
    Clique,
    /// <summary>Every tour of member <c>A</c> meeting the window of its longest tour plus a day from day <c>B</c>, with its days in the window.</summary>
    Chain,
    /// <summary>Every tour, with its cost (the budget).</summary>
    Budget,
    /// <summary>The tours that keep lock <c>A</c>, with entry 1.</summary>
    Lock,
    /// <summary>Every tour, with its coefficient in objective level <c>A</c> (a level held at its optimum).</summary>
    Level,
    /// <summary>A row whose tours no rule here describes (teams, training): a model with one cannot leave tours implicit.</summary>
    Other,
    /// <summary>
    /// A row over the stored tours only (Gomory cuts), written once every tour not stored was fixed at zero: the others
    /// have no entry, which holds for them whatever their coefficient would be.
    /// </summary>
    StoredOnly,
}

/// <summary>The structure of a row of a roster model: the tours with an entry in it and their entries (see <see cref="RowKind"/>).</summary>
internal readonly record struct RowKey(RowKind Kind, int A = 0, int B = 0, int C = 0, double Value = 1)
{
    public static RowKey Slot(int position, int slot, double value) => new(RowKind.Slot, position, slot, Value: value);

    public static RowKey Scoped(int limit, int position, int slot) => new(RowKind.Scoped, limit, position, slot, -1);

    public static RowKey Clique(int member, int day) => new(RowKind.Clique, member, day);

    public static RowKey Chain(int member, int day) => new(RowKind.Chain, member, day);

    public static RowKey Lock(int number) => new(RowKind.Lock, number);

    public static RowKey Level(ObjectiveLevel level) => new(RowKind.Level, (int)level);

    public static readonly RowKey Budget = new(RowKind.Budget);

    public static readonly RowKey Other = new(RowKind.Other);

    public static readonly RowKey StoredOnly = new(RowKind.StoredOnly);
}

/// <summary>The key of each row of a model being built, by row index; rows never given one have no tour entries.</summary>
internal sealed class RowKeys
{
    private readonly List<RowKey> _keys = [];

    public int Count => _keys.Count;

    public RowKey this[int row] => row < _keys.Count ? _keys[row] : default;

    public void Set(int row, RowKey key)
    {
        while (_keys.Count <= row) _keys.Add(default);
        _keys[row] = key;
    }

    public RowKeys Clone()
    {
        var copy = new RowKeys();
        copy._keys.AddRange(_keys);
        return copy;
    }
}
