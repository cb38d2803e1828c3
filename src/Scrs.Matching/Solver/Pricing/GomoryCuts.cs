using Scrs.Matching.Solver.Highs;

namespace Scrs.Matching.Solver.Pricing;

/// <summary>A valid inequality <c>sum Coefficients[k] x[Columns[k]] &gt;= Rhs</c> over the columns of a model.</summary>
internal sealed record Cut(int[] Columns, double[] Coefficients, double Rhs);

/// <summary>
/// Gomory mixed-integer cuts from the optimal basis of the restricted LP, lifted to every column of the model, so that
/// they hold for the whole model and the pricing's bound stays valid with them.
/// </summary>
/// <remarks>
/// <para>Why: the cost and load levels of a corps have LP gaps of a few objective steps, made by odd cycles of half
/// tours through members and seats, and many members are nearly interchangeable, so reduced costs alone leave half of
/// the columns in the restricted search. CBC closes such gaps at its root with Gomory cuts (corps: 53,178,000 to
/// 53,189,999 in six rounds, where the optimum is 53,190,000); with the same cuts in the pricing LP the bound proves the
/// optimum and reduced-cost filtering leaves almost nothing to search.</para>
/// <para>Derivation. HiGHS's basis matrix holds column <c>A_j</c> for a basic column and <c>+e_i</c> for the logical
/// <c>s_i = -(A x)_i</c> of row i, so with <c>u</c> row r of its inverse, <c>x_k + sum_N a_N x_N = 0</c> over the
/// nonbasic variables N, with <c>a_j = u A_j</c> for a column and <c>a_i = u_i</c> for a logical, where <c>x_k</c> is
/// the basic variable of position r. A column left out of the LP is nonbasic at zero, and <c>u A_j</c> is its entry
/// all the same: that is what lifts the cut to it. Each nonbasic variable is written as its distance <c>t &gt;= 0</c>
/// from the bound it sits at; then <c>x_k + sum a'_N t_N = x_k*</c>, and for a fractional <c>f0 = frac(x_k*)</c> the
/// GMI cut <c>sum g_N t_N &gt;= 1</c> holds for every solution in which <c>x_k</c> and every integer <c>t_N</c> are
/// integers (<c>g = f/f0</c> or <c>(1-f)/(1-f0)</c> for an integer t with <c>f = frac(a')</c>, <c>a'/f0</c> or
/// <c>-a'/(1-f0)</c> for a continuous one). A row's distance is integral when its coefficients, its columns and its
/// bound are; the cut is finally written over the columns, the row distances replaced by their rows.</para>
/// <para>Numerical safety: a cut is dropped when the tableau row does not reproduce <c>x_k*</c>, when a nonbasic
/// variable sits between its bounds, or when its coefficients span more than <see cref="MaxDynamism"/>; tiny
/// coefficients are removed by weakening the right-hand side by the most they could contribute.</para>
/// </remarks>
internal static class GomoryCuts
{
    /// <summary>Basic integer columns closer than this to an integer give no cut (their cuts are numerically weak).</summary>
    private const double MinFraction = 0.01;

    /// <summary>Largest ratio of the largest to the smallest coefficient of a kept cut.</summary>
    private const double MaxDynamism = 1e7;

    /// <summary>Coefficients are moved to fractions with denominators up to this (see <see cref="Snapped"/>).</summary>
    private const long MaxSnapDenominator = 12;

    /// <summary>How far a value may be from a bound and still count as at it.</summary>
    private const double BoundTolerance = 1e-9;

    /// <summary>
    /// Up to <paramref name="limit"/> cuts that the LP optimum <paramref name="values"/> violates, from the most
    /// fractional basic integer columns first (ties by column, so runs repeat).
    /// </summary>
    /// <param name="model">The whole model, with every row the LP holds.</param>
    /// <param name="lp">The restricted LP, solved to optimality.</param>
    /// <param name="values">The LP optimum as values of every model column (zero for the columns left out).</param>
    /// <param name="limit">At most this many cuts.</param>
    public static List<Cut> Derive(LinearModel model, HighsRestrictedLinearProgram lp, double[] values, int limit)
    {
        if (lp.BasicVariables() is not { } basic) return [];
        var activities = lp.RowActivities();
        var (rowLower, rowUpper) = model.RowRanges();
        var integralRows = IntegralRows(model);
        var integralColumns = Integrality.ImpliedIntegers(model);
        var isBasicColumn = new bool[model.ColumnCount];
        var isBasicRow = new bool[model.RowCount];
        foreach (var v in basic)
        {
            if (v >= 0) isBasicColumn[v] = true;
            else isBasicRow[-1 - v] = true;
        }

        var candidates = new List<(int Position, double Fraction)>();
        for (var r = 0; r < basic.Length; r++)
        {
            var j = basic[r];
            if (j < 0 || !model.IsInteger(j)) continue;
            var f = values[j] - Math.Floor(values[j]);
            if (f >= MinFraction && f <= 1 - MinFraction) candidates.Add((r, f));
        }
        candidates.Sort((a, b) => Math.Abs(a.Fraction - 0.5) != Math.Abs(b.Fraction - 0.5)
            ? Math.Abs(a.Fraction - 0.5).CompareTo(Math.Abs(b.Fraction - 0.5))
            : basic[a.Position].CompareTo(basic[b.Position]));

        var cuts = new List<Cut>();
        var u = new double[model.RowCount];
        var w = new double[model.RowCount];
        var entries = new TableauEntries(model.ColumnCount);
        foreach (var (position, f0) in candidates)
        {
            if (cuts.Count == limit) break;
            if (!lp.BasisInverseRow(position, u)) break;
            if (Derive(model, basic[position], f0, values, activities, rowLower, rowUpper, integralRows, integralColumns,
                    isBasicColumn, isBasicRow, u, w, entries) is { } cut)
                cuts.Add(cut);
        }
        return cuts;
    }

    /// <summary>
    /// Whether a nonbasic row's activity sits at <paramref name="bound"/>. An infinite bound is never sat at: the
    /// relative tolerance would be infinite, and every nonbasic row of a &gt;= sense (a cut, a level held by a row) was
    /// taken to sit at its infinite upper bound, which made the right-hand side infinite and dropped the cut.
    /// </summary>
    private static bool IsAt(double activity, double bound) =>
        double.IsFinite(bound) && Math.Abs(activity - bound) <= BoundTolerance * Math.Max(1, Math.Abs(bound));

    private static Cut? Derive(LinearModel model, int basicColumn, double f0, double[] values,
        double[] activities, double[] rowLower, double[] rowUpper, bool[] integralRows, bool[] integralColumns, bool[] isBasicColumn, bool[] isBasicRow,
        double[] u, double[] w, TableauEntries entries)
    {
        // The row distances: t_i = U_i - (A x)_i at an upper bound, (A x)_i - L_i at a lower one. Their coefficient in the
        // tableau is u_i (the logical -(A x)_i has column +e_i) for the upper side, -u_i for the lower side.
        var rhs = 1.0;
        Array.Clear(w);
        for (var i = 0; i < u.Length; i++)
        {
            if (u[i] == 0 || isBasicRow[i] || rowLower[i] == rowUpper[i]) continue;
            bool atUpper;
            if (IsAt(activities[i], rowUpper[i])) atUpper = true;
            else if (IsAt(activities[i], rowLower[i])) atUpper = false;
            else return null;
            var a = atUpper ? u[i] : -u[i];
            var g = Coefficient(a, f0, integralRows[i]);
            // g t_i with t_i = U_i - (A x)_i or (A x)_i - L_i: the row enters the columns' coefficients, its bound the rhs.
            if (atUpper)
            {
                w[i] = -g;
                rhs -= g * rowUpper[i];
            }
            else
            {
                w[i] = g;
                rhs += g * rowLower[i];
            }
        }

        var columns = new List<int>();
        var coefficients = new List<double>();
        var largest = 0.0;
        // x_k* = -sum_N a_N x_N over the nonbasic variables at their values, the logicals being minus the activities.
        var reproduced = 0.0;
        for (var i = 0; i < u.Length; i++)
        {
            if (u[i] != 0 && !isBasicRow[i]) reproduced += u[i] * activities[i];
        }
        entries.Compute(model, u, w);
        foreach (var j in entries.Columns)
        {
            var a = entries.Tableau[j];
            var rowPart = entries.RowPart[j];
            var lower = model.Lower(j);
            var upper = model.Upper(j);
            var c = rowPart;
            if (!isBasicColumn[j] && a != 0) reproduced -= a * values[j];
            if (!isBasicColumn[j] && lower != upper && a != 0)
            {
                bool atUpper;
                if (values[j] <= lower + BoundTolerance) atUpper = false;
                else if (values[j] >= upper - BoundTolerance) atUpper = true;
                else return null;
                var integral = model.IsInteger(j) && lower == Math.Floor(lower) && upper == Math.Floor(upper);
                var g = Coefficient(atUpper ? -a : a, f0, integral);
                // g t_j with t_j = x_j - l_j or u_j - x_j.
                if (atUpper)
                {
                    c -= g;
                    rhs -= g * upper;
                }
                else
                {
                    c += g;
                    rhs += g * lower;
                }
            }
            if (c == 0) continue;
            columns.Add(j);
            coefficients.Add(c);
            largest = Math.Max(largest, Math.Abs(c));
        }
        var xk = values[basicColumn];
        if (Math.Abs(reproduced - xk) > 1e-6 * Math.Max(1, Math.Abs(xk)) || largest == 0) return null;

        // Weaken by what each tiny coefficient could contribute, and drop it.
        var kept = 0;
        for (var k = 0; k < columns.Count; k++)
        {
            var c = coefficients[k];
            if (Math.Abs(c) < largest / MaxDynamism)
            {
                var j = columns[k];
                rhs -= Math.Max(c * model.Lower(j), c * model.Upper(j));
                continue;
            }
            columns[kept] = columns[k];
            coefficients[kept++] = c;
        }
        columns.RemoveRange(kept, columns.Count - kept);
        coefficients.RemoveRange(kept, coefficients.Count - kept);
        rhs = Snapped(model, columns, coefficients, rhs, integralColumns);

        var activity = 0.0;
        for (var k = 0; k < columns.Count; k++) activity += coefficients[k] * values[columns[k]];
        var violation = rhs - activity;
        return violation > 1e-6 * Math.Max(1, Math.Abs(rhs)) ? new Cut([.. columns], [.. coefficients], rhs) : null;
    }

    /// <summary>
    /// Moves each coefficient within rounding noise of a fraction with a small denominator (the halves and thirds these
    /// 0-1 tableaux give) to it, weakening the right-hand side by the most the move could take from the activity within
    /// the column bounds, so the cut stays valid; returns the right-hand side.
    /// </summary>
    /// <remarks>When then every column is integral and every coefficient a multiple of 1/s, the activity of every integer
    /// solution is a multiple of 1/s, and the right-hand side rounds up to one (Chvátal-Gomory rounding). Such a cut is
    /// exact in decimals or fractions: CP-SAT can read it, and an optimal face can make it an equality
    /// (<see cref="DualPricing.Face"/>), where noise of 1e-16 in one coefficient would forbid both.</remarks>
    private static double Snapped(LinearModel model, List<int> columns, List<double> coefficients, double rhs, bool[] integralColumns)
    {
        var scale = 1L;
        var exact = true;
        for (var k = 0; k < columns.Count; k++)
        {
            var c = coefficients[k];
            var denominator = 0L;
            for (var q = 1L; q <= MaxSnapDenominator && denominator == 0; q++)
            {
                if (Math.Abs(c - Math.Round(c * q) / q) <= 1e-9 * Math.Max(1, Math.Abs(c))) denominator = q;
            }
            if (denominator == 0)
            {
                exact = false;
                continue;
            }
            var snapped = Math.Round(c * denominator) / denominator;
            var j = columns[k];
            var moved = snapped - c;
            rhs += Math.Min(moved * model.Lower(j), moved * model.Upper(j));
            coefficients[k] = snapped;
            scale = scale / Gcd(scale, denominator) * denominator;
            exact &= integralColumns[j];
        }
        return exact ? Math.Ceiling(rhs * scale - 1e-9) / scale : rhs;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>
    /// The entries <c>u A_j</c> and <c>w A_j</c> of one tableau row, for the columns of the rows where <c>u</c> is
    /// nonzero (the only columns where either can be: <c>w</c> is nonzero only where <c>u</c> is).
    /// </summary>
    /// <remarks>
    /// Summed row by row over those rows, not column by column: a column lies in every cut and held level it has a
    /// coefficient in, mostly with <c>u</c> zero there, so by columns a round of cuts after the first cost 0.4-0.6 s on
    /// a simulated replication's normal level (2.8 million column visits), by rows the whole round 0.05-0.25 s. The
    /// arrays are reused for every tableau row of a round and cleared over the columns visited.
    /// </remarks>
    private sealed class TableauEntries(int columnCount)
    {
        private readonly bool[] _seen = new bool[columnCount];
        private readonly List<int> _columns = [];

        public double[] Tableau { get; } = new double[columnCount];

        public double[] RowPart { get; } = new double[columnCount];

        /// <summary>The columns visited, in increasing order (so cuts, and runs, repeat).</summary>
        public List<int> Columns => _columns;

        public void Compute(LinearModel model, double[] u, double[] w)
        {
            foreach (var j in _columns)
            {
                _seen[j] = false;
                Tableau[j] = 0;
                RowPart[j] = 0;
            }
            _columns.Clear();
            for (var i = 0; i < u.Length; i++)
            {
                if (u[i] == 0) continue;
                var columns = model.RowColumns(i);
                var coefficients = model.RowCoefficients(i);
                var (ui, wi) = (u[i], w[i]);
                for (var k = 0; k < columns.Length; k++)
                {
                    var j = columns[k];
                    if (!_seen[j])
                    {
                        _seen[j] = true;
                        _columns.Add(j);
                    }
                    Tableau[j] += ui * coefficients[k];
                    RowPart[j] += wi * coefficients[k];
                }
            }
            // Sorting a list that holds most columns costs more than a pass over the flags.
            if (_columns.Count > _seen.Length / 16)
            {
                _columns.Clear();
                for (var j = 0; j < _seen.Length; j++)
                {
                    if (_seen[j]) _columns.Add(j);
                }
            }
            else
            {
                _columns.Sort();
            }
        }
    }

    /// <summary>The GMI coefficient of a nonbasic distance with tableau entry <paramref name="a"/>.</summary>
    private static double Coefficient(double a, double f0, bool integral)
    {
        if (!integral) return a >= 0 ? a / f0 : -a / (1 - f0);
        var f = a - Math.Floor(a);
        // Entries within rounding noise of an integer count as integers: their coefficient is 0 either way.
        if (f < 1e-12 || f > 1 - 1e-12) return 0;
        return f <= f0 ? f / f0 : (1 - f) / (1 - f0);
    }

    /// <summary>Rows whose activity is an integer in every integer solution with a bound that is an integer.</summary>
    private static bool[] IntegralRows(LinearModel model)
    {
        var integral = new bool[model.RowCount];
        for (var i = 0; i < model.RowCount; i++)
        {
            var ok = model.Rhs(i) == Math.Floor(model.Rhs(i));
            var columns = model.RowColumns(i);
            var coefficients = model.RowCoefficients(i);
            for (var k = 0; k < columns.Length && ok; k++)
                ok = model.IsInteger(columns[k]) && coefficients[k] == Math.Floor(coefficients[k]);
            integral[i] = ok;
        }
        return integral;
    }
}
