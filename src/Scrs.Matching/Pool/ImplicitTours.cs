using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Pool;

/// <summary>
/// The tour columns of a roster model whose rows keep the entries of a few tours only (<see cref="LinearModel.StoreOnly"/>):
/// each tour's entries, and every tour's reduced cost, come from the rows' keys (<see cref="RowKey"/>) and the tour itself.
/// </summary>
/// <remarks>
/// <para>Why: at 20,000 members the pool has 7.9 million tours and 118 million entries, which took 6.7 s and most of
/// 5 GB to write, while the LPs and searches of a solve use a few hundred thousand of them. Rows are the whole pool's
/// (built from every tour, so every rule binds as it would), and a tour's entries are given by where it lies.</para>
/// <para>Pricing is a pass over the tours with a few array reads each: the duals of the rows of one position's slots
/// summed as prefixes over slots (a tour covers a run of slots), those of a member's cliques as prefixes over their
/// days (a tour meets the cliques whose day its stretched days hold), the budget and held levels as multiples of the
/// tour's objective coefficients. Members are priced in parallel, each tour on its own, so the result does not depend
/// on the thread count.</para>
/// </remarks>
internal sealed class ImplicitTours : IImplicitColumns
{
    private readonly RosterModel _model;
    private readonly CandidateTour[] _tours;
    private readonly int _rest;
    private readonly SurgeScope[] _scopes;
    private readonly int[][] _limitsOf;
    private readonly (int Member, int Position, int Start, int End)[] _locks;
    private readonly List<(int Row, double Value)>?[][] _slotRows;
    private readonly List<(int Limit, int Row)>?[][] _scopedRows;
    private readonly List<(int Day, int Row)>?[] _cliques;
    private readonly List<(int Day, int Row)>?[] _chains;
    private readonly List<(int Lock, int Row)>?[] _lockRows;
    private readonly List<(int Row, int Level)> _everyTour = [];
    private int _indexed;

    /// <summary>
    /// Per tour, the run [a, e) of its member's day-sorted cliques that it meets, packed as <c>a | e &lt;&lt; 16</c>;
    /// built on first use and again after a clique row is added (<see cref="CliqueRanges"/>).
    /// </summary>
    private uint[]? _cliqueRanges;

    private ImplicitTours(RosterModel model)
    {
        _model = model;
        var candidates = model.Candidates;
        var index = candidates.Index;
        _tours = candidates.Tours;
        _rest = index.Problem.Policy.RestDays;
        _scopes = SurgeScope.Resolve(index);
        _limitsOf = Array.ConvertAll(index.Members, _ => Array.Empty<int>());
        for (var m = 0; m < _limitsOf.Length; m++)
            _limitsOf[m] = [.. Enumerable.Range(0, _scopes.Length).Where(k => _scopes[k].InScope[m])];
        _locks = [.. index.Problem.Locks.Select(l => (index.MemberIndex[l.Member], index.PositionIndex[l.Position],
            l.Start is { } s && l.End is not null ? s.DayNumber : int.MaxValue, l.End is { } e && l.Start is not null ? e.DayNumber : int.MinValue))];
        _slotRows = Array.ConvertAll(candidates.Slots, slots => new List<(int, double)>?[slots.Length]);
        _scopedRows = Array.ConvertAll(candidates.Slots, slots => new List<(int, int)>?[slots.Length]);
        _cliques = new List<(int, int)>?[index.Members.Length];
        _chains = new List<(int, int)>?[index.Members.Length];
        _lockRows = new List<(int, int)>?[index.Members.Length];
    }

    /// <summary>
    /// The implicit tours of <paramref name="model"/>, set as its <see cref="LinearModel.Implicit"/>; <see langword="null"/>
    /// when a row has tours no key describes (teams with agencies, training), and the model must be written whole.
    /// </summary>
    public static ImplicitTours? Attach(RosterModel model)
    {
        if (model.Keys is not { } keys) return null;
        for (var row = 0; row < model.Linear.RowCount; row++)
        {
            if (keys[row].Kind == RowKind.Other) return null;
        }
        var tours = new ImplicitTours(model);
        model.Linear.Implicit = tours;
        return tours;
    }

    public int Count => _tours.Length;

    /// <summary>Indexes the rows added since the last call by their keys.</summary>
    private void Index()
    {
        var keys = _model.Keys!;
        for (; _indexed < _model.Linear.RowCount; _indexed++)
        {
            var row = _indexed;
            if (row >= keys.Count) throw new InvalidOperationException($"Row {row} of a model with implicit tours was added without its key.");
            var key = keys[row];
            switch (key.Kind)
            {
                case RowKind.NoTours or RowKind.StoredOnly:
                    break;
                case RowKind.Slot:
                    (_slotRows[key.A][key.B] ??= []).Add((row, key.Value));
                    break;
                case RowKind.Scoped:
                    (_scopedRows[key.B][key.C] ??= []).Add((key.A, row));
                    break;
                case RowKind.Clique:
                    Insert(_cliques[key.A] ??= [], key.B, row);
                    _cliqueRanges = null;
                    break;
                case RowKind.Chain:
                    (_chains[key.A] ??= []).Add((key.B, row));
                    break;
                case RowKind.Lock:
                    (_lockRows[_locks[key.A].Member] ??= []).Add((key.A, row));
                    break;
                case RowKind.Budget:
                    _everyTour.Add((row, -1));
                    break;
                case RowKind.Level:
                    _everyTour.Add((row, key.A));
                    break;
                default:
                    throw new InvalidOperationException($"Row {row} has tours no key describes ({key.Kind}).");
            }
        }

        // Clique days stay sorted, so a tour's cliques are a range found by binary search.
        static void Insert(List<(int Day, int Row)> list, int day, int row)
        {
            var at = list.Count;
            while (at > 0 && list[at - 1].Day > day) at--;
            list.Insert(at, (day, row));
        }
    }

    /// <summary>A tour's coefficient in a row on every tour (the budget: its cost; a held level: its coefficient there).</summary>
    private double EveryTourValue(int level, int j) => _model.Objectives[level < 0 ? (int)ObjectiveLevel.Cost : level][j];

    public void Entries(int column, List<(int Row, double Value)> into)
    {
        Index();
        into.Clear();
        var sink = new ListSink(into);
        Walk(column, ref sink);
        into.Sort((a, b) => a.Row.CompareTo(b.Row));
    }

    /// <remarks>Without the list and sort of <see cref="Entries"/>: the restricted searches' order asks it of every tour
    /// priced at zero, 7.9 million at 20,000 members, where <see cref="Entries"/> took 1.9 s.</remarks>
    public Func<int, bool> Touching(bool[] rows)
    {
        Index();
        return column =>
        {
            var sink = new TouchSink(rows);
            Walk(column, ref sink);
            return sink.Found;
        };
    }

    /// <summary>Receives a tour's entries from <see cref="Walk"/>, unsorted.</summary>
    private interface IEntrySink
    {
        void Add(int row, double value);
    }

    private readonly struct ListSink(List<(int Row, double Value)> into) : IEntrySink
    {
        public void Add(int row, double value) => into.Add((row, value));
    }

    private struct TouchSink(bool[] rows) : IEntrySink
    {
        public bool Found { get; private set; }

        public void Add(int row, double value) => Found |= rows[row];
    }

    /// <summary>Every entry of tour <paramref name="column"/>, unsorted, into <paramref name="sink"/> (the rows indexed).</summary>
    private void Walk<TSink>(int column, ref TSink sink) where TSink : struct, IEntrySink
    {
        var t = _tours[column];
        for (var s = t.FirstSlot; s <= t.LastSlot; s++)
        {
            if (_slotRows[t.Position][s] is { } rows)
            {
                foreach (var (row, value) in rows) sink.Add(row, value);
            }
            if (_scopedRows[t.Position][s] is not { } scoped) continue;
            foreach (var (limit, row) in scoped)
            {
                if (_scopes[limit].InScope[t.Member]) sink.Add(row, -1);
            }
        }
        if (_cliques[t.Member] is { } cliques)
        {
            foreach (var (day, row) in cliques)
            {
                if (t.Start <= day && day <= t.End + _rest) sink.Add(row, 1);
            }
        }
        if (_chains[t.Member] is { } chains)
        {
            foreach (var (day, row) in chains)
            {
                if (ChainOverlap(t, day) is var overlap and > 0) sink.Add(row, overlap);
            }
        }
        if (_lockRows[t.Member] is { } locks)
        {
            foreach (var (number, row) in locks)
            {
                if (Keeps(number, t)) sink.Add(row, 1);
            }
        }
        foreach (var (row, level) in _everyTour)
        {
            if (EveryTourValue(level, column) is var value and not 0) sink.Add(row, value);
        }
    }

    /// <summary>The days of tour <paramref name="t"/> in the chain window from <paramref name="day"/> (its member's longest tour plus a day).</summary>
    private int ChainOverlap(CandidateTour t, int day)
    {
        var end = day + _model.Candidates.Index.MaxTourDays[t.Member];
        return Math.Min(end, t.End) - Math.Max(day, t.Start) + 1;
    }

    /// <summary>Whether tour <paramref name="t"/> keeps lock <paramref name="number"/> (see <see cref="RosterModelBuilder.LockColumns"/>).</summary>
    private bool Keeps(int number, CandidateTour t)
    {
        var (member, position, start, end) = _locks[number];
        return t.Member == member && t.Position == position && t.Start <= start && end <= t.End;
    }

    public void Reduce(double[] duals, double[] cost, double[] reduced)
    {
        Index();
        var candidates = _model.Candidates;
        var slotSums = new double[_slotRows.Length][];
        // Per surge limit and position, the prefix sums of its count definitions' duals (entry -1), where it has any.
        var scopedSums = new double[]?[_scopes.Length][];
        for (var k = 0; k < scopedSums.Length; k++) scopedSums[k] = new double[]?[_slotRows.Length];
        for (var p = 0; p < _slotRows.Length; p++)
        {
            var slots = _slotRows[p].Length;
            var sums = slotSums[p] = new double[slots + 1];
            for (var s = 0; s < slots; s++)
            {
                var y = 0.0;
                foreach (var (row, value) in _slotRows[p][s] ?? []) y += value * duals[row];
                sums[s + 1] = sums[s] + y;
                foreach (var (limit, row) in _scopedRows[p][s] ?? [])
                    (scopedSums[limit][p] ??= new double[slots + 1])[s + 1] -= duals[row];
            }
            foreach (var limitSums in scopedSums)
            {
                if (limitSums[p] is not { } q) continue;
                for (var s = 0; s < slots; s++) q[s + 1] += q[s];
            }
        }
        var everyTour = _everyTour.Select(x => (Dual: duals[x.Row], x.Level)).Where(x => x.Dual != 0).ToArray();
        var linear = _model.Linear;
        var ranges = CliqueRanges();
        Parallel.For(0, candidates.Index.Members.Length, m =>
        {
            var first = candidates.MemberOffsets[m];
            var last = candidates.MemberOffsets[m + 1];
            if (first == last) return;
            var cliques = _cliques[m];
            double[]? cliqueSums = null;
            if (cliques is not null)
            {
                cliqueSums = new double[cliques.Count + 1];
                for (var c = 0; c < cliques.Count; c++) cliqueSums[c + 1] = cliqueSums[c] + duals[cliques[c].Row];
            }
            for (var j = first; j < last; j++)
            {
                if (linear.IsStored(j)) continue;
                var t = _tours[j];
                var (from, to) = (t.FirstSlot, t.LastSlot + 1);
                var used = slotSums[t.Position][to] - slotSums[t.Position][from];
                foreach (var limit in _limitsOf[m])
                {
                    if (scopedSums[limit][t.Position] is { } q) used += q[to] - q[from];
                }
                if (cliques is not null)
                {
                    var (a, e) = CliqueRange(ranges, cliques, j);
                    used += cliqueSums![e] - cliqueSums[a];
                }
                if (_chains[m] is { } chains)
                {
                    foreach (var (day, row) in chains)
                    {
                        if (ChainOverlap(t, day) is var overlap and > 0) used += overlap * duals[row];
                    }
                }
                if (_lockRows[m] is { } locks)
                {
                    foreach (var (number, row) in locks)
                    {
                        if (Keeps(number, t)) used += duals[row];
                    }
                }
                foreach (var (dual, level) in everyTour) used += dual * EveryTourValue(level, j);
                reduced[j] = cost[j] - used;
            }
        });
    }

    /// <remarks>
    /// <para>Why it is a bound: for any solution x, the terms <c>y_i (A_i x - b_i)</c> of a member's clique rows are
    /// at least zero and are left out of L, and the member's tours keep its clique rows, so their part
    /// <c>sum_j d'_j x_j</c> (d' = d with the clique duals added back) is at least F_m, the least over the member's
    /// schedules. Tour j meets the member's cliques whose day its stretched days hold, a run of the day-sorted cliques
    /// [a_j, e_j); two tours share a clique exactly when their runs meet (the cliques are the maximal ones of an
    /// interval graph). So F_m is a shortest path over the clique positions: forward <c>Fwd[e] = min(Fwd[e-1],
    /// Fwd[a_j] + d'_j)</c> over the tours ending at e, backward the same from the end, and the best schedule through j
    /// costs <c>Fwd[a_j] + d'_j + Bwd[e_j]</c>. A tour meeting no clique is a schedule of its own. The rows are an
    /// interval matrix (consecutive ones), so the same bound holds for fractional x: it bounds the LP too.</para>
    /// <para>Members are independent: each one's sum goes to its own slot and the slots are added in order, so the
    /// result does not depend on the thread count.</para>
    /// </remarks>
    public double ScheduleBound(double[] duals, double[] reduced, double[] increments)
    {
        Index();
        var candidates = _model.Candidates;
        var linear = _model.Linear;
        var members = candidates.Index.Members.Length;
        var rises = new double[members];
        var ranges = CliqueRanges();
        Parallel.For(0, members, () => new ScheduleBuffers(), (m, _, buffers) =>
        {
            rises[m] = MemberScheduleRise(m, duals, reduced, increments, linear, candidates.MemberOffsets, ranges, buffers);
            return buffers;
        }, _ => { });
        var sum = 0.0;
        foreach (var rise in rises) sum += rise;
        return sum;
    }

    /// <summary>Reused arrays of one thread's member schedules.</summary>
    private sealed class ScheduleBuffers
    {
        public int[] First = [];
        public int[] End = [];
        public double[] Cost = [];
        public int[] Order = [];
        public int[] Count = [];
        public double[] Forward = [];
        public double[] Backward = [];
        public double[] CliqueSums = [];

        public void Fit(int tours, int cliques)
        {
            if (First.Length < tours) (First, End, Cost, Order) = (new int[tours], new int[tours], new double[tours], new int[tours]);
            if (Count.Length < cliques + 2) (Count, Forward, Backward, CliqueSums) = (new int[cliques + 2], new double[cliques + 1], new double[cliques + 1], new double[cliques + 1]);
        }
    }

    /// <summary>Member <paramref name="m"/>'s part of <see cref="ScheduleBound"/>; 0, with NaN increments, when a tour of it has a lower bound above zero.</summary>
    private double MemberScheduleRise(int m, double[] duals, double[] reduced, double[] increments, LinearModel linear, int[] offsets, uint[]? ranges,
        ScheduleBuffers b)
    {
        var (first, last) = (offsets[m], offsets[m + 1]);
        if (first == last) return 0;
        for (var j = first; j < last; j++)
        {
            if (linear.Lower(j) != 0 || linear.Upper(j) > 1)
            {
                for (var k = first; k < last; k++) increments[k] = double.NaN;
                return 0;
            }
        }
        var cliques = _cliques[m];
        var count = cliques?.Count ?? 0;
        b.Fit(last - first, count);
        var rise = 0.0;
        b.CliqueSums[0] = 0;
        for (var c = 0; c < count; c++)
        {
            var y = duals[cliques![c].Row];
            b.CliqueSums[c + 1] = b.CliqueSums[c] + y;
            rise -= y;
        }
        // Runs of cliques and costs with the clique duals added back; tours fixed at zero take no part.
        var alone = 0.0;
        Array.Clear(b.Count, 0, count + 2);
        for (var j = first; j < last; j++)
        {
            var k = j - first;
            if (linear.Upper(j) == 0)
            {
                increments[j] = double.NaN;
                b.First[k] = -1;
                continue;
            }
            var t = _tours[j];
            var (a, e) = cliques is null ? (0, 0) : CliqueRange(ranges, cliques, j);
            var cost = reduced[j] + (b.CliqueSums[e] - b.CliqueSums[a]);
            rise -= Math.Min(reduced[j], 0);
            (b.First[k], b.End[k], b.Cost[k]) = (a, e, cost);
            if (a == e)
            {
                alone += Math.Min(cost, 0);
                increments[j] = Math.Max(cost, 0);
                b.First[k] = -1;
                continue;
            }
            b.Count[e + 1]++;
        }
        // Tours by the end of their run (a counting sort), for the forward pass; the backward pass reads them in reverse.
        for (var e = 1; e <= count + 1; e++) b.Count[e] += b.Count[e - 1];
        var ranged = b.Count[count + 1];
        for (var k = 0; k < last - first; k++)
        {
            if (b.First[k] >= 0) b.Order[b.Count[b.End[k]]++] = k;
        }
        var forward = b.Forward;
        forward[0] = 0;
        var next = 0;
        for (var e = 1; e <= count; e++)
        {
            forward[e] = forward[e - 1];
            for (; next < ranged && b.End[b.Order[next]] == e; next++)
            {
                var k = b.Order[next];
                forward[e] = Math.Min(forward[e], forward[b.First[k]] + b.Cost[k]);
            }
        }
        // Backward over the starts: Bwd[a] = min(Bwd[a+1], d'_j + Bwd[e_j]) for the tours starting at a; a tour's end is
        // after its start, so Bwd[e_j] is final when the pass reaches a_j. Tours are taken by decreasing end, and each
        // start's best is kept in Backward before the pass sweeps it.
        var backward = b.Backward;
        Array.Fill(backward, double.PositiveInfinity, 0, count + 1);
        backward[count] = 0;
        var byStart = ranged - 1;
        for (var a = count - 1; a >= 0; a--)
        {
            // Every tour ending after a has its end's Bwd final: fold those ending at a + 1 and beyond into their starts.
            for (; byStart >= 0 && b.End[b.Order[byStart]] > a; byStart--)
            {
                var k = b.Order[byStart];
                backward[b.First[k]] = Math.Min(backward[b.First[k]], b.Cost[k] + backward[b.End[k]]);
            }
            backward[a] = Math.Min(backward[a], backward[a + 1]);
        }
        var best = forward[count];
        for (var k = 0; k < last - first; k++)
        {
            if (b.First[k] < 0) continue;
            increments[first + k] = Math.Max(0, forward[b.First[k]] + b.Cost[k] + backward[b.End[k]] - best);
        }
        return rise + best + alone;
    }

    /// <summary>
    /// Every tour's run of its member's cliques (see <see cref="_cliqueRanges"/>): two binary searches a tour, the same
    /// every pricing round, were a large part of each round's pass over 7.9 million tours. <see langword="null"/> when a
    /// member has more cliques than 16 bits count (each starts on its own day: a horizon of over 179 years; then each pass
    /// searches).
    /// </summary>
    private uint[]? CliqueRanges()
    {
        if (_cliqueRanges is not null) return _cliqueRanges;
        if (Array.Exists(_cliques, c => c is not null && c.Count > ushort.MaxValue)) return null;
        var offsets = _model.Candidates.MemberOffsets;
        var ranges = new uint[_tours.Length];
        Parallel.For(0, _cliques.Length, m =>
        {
            if (_cliques[m] is not { } cliques) return;
            for (var j = offsets[m]; j < offsets[m + 1]; j++)
            {
                var (a, e) = CliqueRange(null, cliques, j);
                ranges[j] = (uint)a | ((uint)e << 16);
            }
        });
        return _cliqueRanges = ranges;
    }

    /// <summary>Tour <paramref name="j"/>'s run [a, e) of <paramref name="cliques"/>, its member's: kept in <paramref name="ranges"/>, or searched.</summary>
    private (int First, int End) CliqueRange(uint[]? ranges, List<(int Day, int Row)> cliques, int j) =>
        ranges is null
            ? (Below(cliques, _tours[j].Start), Below(cliques, _tours[j].End + _rest + 1))
            : ((int)(ranges[j] & 0xFFFF), (int)(ranges[j] >> 16));

    /// <summary>How many of <paramref name="cliques"/> (sorted by day) have a day before <paramref name="day"/>.</summary>
    private static int Below(List<(int Day, int Row)> cliques, int day)
    {
        var (low, high) = (0, cliques.Count);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (cliques[middle].Day < day) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>How many tours of the pool cover each slot of each position (counted on first use).</summary>
    private int[][]? _covering;

    /// <remarks>
    /// Counted as if every implicit tour not stored could be 0 or 1 (wider than its bounds, when an earlier level fixed it
    /// at zero): a slot's tours are the pool's covering tours less the stored ones, which are all in the row; a member's
    /// rows count its own tours; a row on every tour sums them all.
    /// </remarks>
    public (double Least, double Most) Range(int row)
    {
        Index();
        var key = _model.Keys![row];
        var linear = _model.Linear;
        var candidates = _model.Candidates;
        double least = 0, most = 0;
        void Add(double value)
        {
            if (value > 0) most += value;
            else least += value;
        }
        void Member(int m, Func<CandidateTour, double> value)
        {
            for (var j = candidates.MemberOffsets[m]; j < candidates.MemberOffsets[m + 1]; j++)
            {
                if (!linear.IsStored(j)) Add(value(_tours[j]));
            }
        }
        switch (key.Kind)
        {
            case RowKind.Slot:
                if (_covering is null)
                {
                    var covering = Array.ConvertAll(candidates.Slots, slots => new int[slots.Length]);
                    foreach (var t in _tours)
                    {
                        for (var s = t.FirstSlot; s <= t.LastSlot; s++) covering[t.Position][s]++;
                    }
                    _covering = covering;
                }
                Add(key.Value * (_covering[key.A][key.B] - linear.RowColumns(row).Length + StoredAuxiliaries(row)));
                break;
            case RowKind.Scoped:
                return (double.NegativeInfinity, 0);
            case RowKind.Clique:
                Member(key.A, t => t.Start <= key.B && key.B <= t.End + _rest ? 1 : 0);
                break;
            case RowKind.Chain:
                Member(key.A, t => Math.Max(0, ChainOverlap(t, key.B)));
                break;
            case RowKind.Lock:
                Member(_locks[key.A].Member, t => Keeps(key.A, t) ? 1 : 0);
                break;
            case RowKind.Budget or RowKind.Level:
                var level = key.Kind == RowKind.Budget ? -1 : key.A;
                for (var j = 0; j < _tours.Length; j++)
                {
                    if (!linear.IsStored(j)) Add(EveryTourValue(level, j));
                }
                break;
        }
        return (least, most);
    }

    /// <summary>The entries of row <paramref name="row"/> that are not tours (a fill column in its definition).</summary>
    private int StoredAuxiliaries(int row)
    {
        var count = 0;
        foreach (var j in _model.Linear.RowColumns(row))
        {
            if (j >= Count) count++;
        }
        return count;
    }

    public void RowsOverStored(int firstRow)
    {
        var linear = _model.Linear;
        for (var j = 0; j < Count; j++)
        {
            if (!linear.IsStored(j) && linear.Upper(j) != 0)
                throw new InvalidOperationException($"Tour {j} is neither stored nor fixed at zero: rows over the stored tours would not hold for it.");
        }
        for (var row = firstRow; row < linear.RowCount; row++) _model.Keys!.Set(row, RowKey.StoredOnly);
    }

    public void Store(IEnumerable<int> columns)
    {
        var entries = new List<(int Row, double Value)>();
        var rows = new List<int>();
        var values = new List<double>();
        foreach (var j in columns)
        {
            if (j >= Count || _model.Linear.IsStored(j)) continue;
            Entries(j, entries);
            rows.Clear();
            values.Clear();
            foreach (var (row, value) in entries)
            {
                rows.Add(row);
                values.Add(value);
            }
            _model.Linear.AppendEntries(j, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
        }
    }
}
