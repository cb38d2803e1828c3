using Google.OrTools.Sat;

namespace Scrs.Matching.Solver.CpSat;

/// <summary>
/// A <see cref="LinearModel"/> as an exact CP-SAT model: CP-SAT takes integer variables and integer coefficients only,
/// so a model is translated only when that changes nothing, and otherwise <see cref="Unsupported"/> says why.
/// </summary>
/// <remarks>
/// <para><b>Continuous columns.</b> A continuous column x is declared integer when an equality row (not a conditional
/// one) proves that every feasible x is an integer: the row is <c>a x + sum b_k y_k = r</c> with every y_k an integer
/// column and every b_k and r integer multiples of a, so <c>x = r/a - sum (b_k/a) y_k</c> is an integer whenever the
/// y_k are. Then the feasible sets, projected on the other columns, are the same, the objective takes the same values,
/// and so the optimum is the same; x's bounds round inward (ceil lower, floor upper) without losing any integer. The
/// roster models' continuous columns are all of this kind: each auxiliary column counts tours on a slot through
/// <c>aux - sum of tours = 0</c>. Any other continuous column makes the model unsupported.</para>
/// <para><b>Coefficients.</b> A row whose coefficients are not all integers is multiplied by the smallest factor
/// that makes them integers, each read as the shortest decimal that round-trips (up to 9 places) or else as the
/// simplest fraction that does (denominator up to 10^6: a share of 1/3); its right-hand side is
/// scaled too and then rounded inward (an integer activity is &lt;= r exactly when it is &lt;= floor(r)), within
/// <see cref="SolutionCheck.Tolerance"/>. The objective is scaled the same way (<see cref="ObjectiveScale"/>). A row
/// or objective that has no such reading makes the model unsupported, as does an infinite column bound.</para>
/// </remarks>
internal sealed class CpSatModel(CpModel model, long objectiveScale, int columns, int[] literals, string? unsupported, bool infeasible)
{
    private const int MaxPowerOfTen = 9;

    /// <summary>The largest denominator of a value read as a fraction that is not a decimal.</summary>
    private const long MaxDenominator = 1_000_000;

    /// <summary>The largest factor a row or the objective is multiplied by.</summary>
    private const long MaxScale = 1_000_000_000_000;

    /// <summary>Coefficients and bounds beyond this are refused, so that no activity can overflow CP-SAT's 64-bit integers.</summary>
    private const double MaxMagnitude = 1L << 50;

    /// <summary>The CP-SAT model: variable j is column j; the conditional groups' literals follow.</summary>
    public CpModel Model { get; } = model;

    /// <summary>CP-SAT objective = model objective (without offset) x this power of ten; maximization is negated by the scaling factor -1.</summary>
    public long ObjectiveScale { get; } = objectiveScale;

    /// <summary>Columns of the <see cref="LinearModel"/> (the first variables).</summary>
    public int ColumnCount { get; } = columns;

    /// <summary>The variable index of each conditional group's literal.</summary>
    public int[] Literals { get; } = literals;

    /// <summary>Why the model cannot be solved exactly by CP-SAT; <see langword="null"/> when it can.</summary>
    public string? Unsupported { get; } = unsupported;

    /// <summary>A row has no integer activity in its range (for example <c>2x = 1</c>): the model is infeasible as it stands.</summary>
    public bool RowsInfeasible { get; } = infeasible;

    /// <summary>Translates <paramref name="linear"/>, with each of <paramref name="conditional"/> enforced by a new literal.</summary>
    public static CpSatModel Build(LinearModel linear, IReadOnlyList<ConditionalRows>? conditional = null)
    {
        conditional ??= [];
        int n = linear.ColumnCount, m = linear.RowCount;
        var groupOf = new int[m];
        Array.Fill(groupOf, -1);
        var relaxed = new Dictionary<int, (int Group, double Upper)>();
        for (var g = 0; g < conditional.Count; g++)
        {
            foreach (var row in conditional[g].Rows) groupOf[row] = g;
            foreach (var (column, relaxedUpper) in conditional[g].Bounds) relaxed[column] = (g, relaxedUpper);
        }

        var model = new CpModel();
        var proto = model.Model;
        var integral = ImpliedIntegers(linear, groupOf);
        var lower = new long[n];
        var upper = new long[n];
        for (var j = 0; j < n; j++)
        {
            if (!integral[j]) return Refused(model, $"column {linear.ColumnName(j)} is continuous and not implied integer");
            var hi = relaxed.TryGetValue(j, out var r) ? Math.Max(r.Upper, linear.Upper(j)) : linear.Upper(j);
            if (!Bounded(linear.Lower(j)) || !Bounded(hi)) return Refused(model, $"column {linear.ColumnName(j)} has an infinite or huge bound");
            lower[j] = (long)Math.Ceiling(linear.Lower(j) - SolutionCheck.Tolerance);
            upper[j] = (long)Math.Floor(hi + SolutionCheck.Tolerance);
            if (lower[j] > upper[j]) return new CpSatModel(model, 1, n, [], null, infeasible: true);
            proto.Variables.Add(new IntegerVariableProto { Domain = { lower[j], upper[j] } });
        }
        var literals = new int[conditional.Count];
        for (var g = 0; g < literals.Length; g++)
        {
            literals[g] = proto.Variables.Count;
            proto.Variables.Add(new IntegerVariableProto { Domain = { 0, 1 } });
        }
        foreach (var (column, (group, _)) in relaxed.OrderBy(x => x.Key))
        {
            var bound = (long)Math.Floor(linear.Upper(column) + SolutionCheck.Tolerance);
            if (bound >= upper[column]) continue;
            proto.Constraints.Add(new ConstraintProto
            {
                EnforcementLiteral = { literals[group] },
                Linear = new LinearConstraintProto { Vars = { column }, Coeffs = { 1 }, Domain = { lower[column], bound } },
            });
        }

        var coefficients = new List<long>();
        for (var i = 0; i < m; i++)
        {
            // A cut only strengthens an LP relaxation; CP-SAT's integer solutions keep it anyway.
            if (linear.IsCut(i)) continue;
            var columns = linear.RowColumns(i);
            if (Scale(linear.RowCoefficients(i), coefficients) is not { } scale)
                return Refused(model, $"row {linear.RowName(i)} has coefficients that are no decimals of up to {MaxPowerOfTen} places nor fractions with denominators up to {MaxDenominator}");
            // The range an integer activity can take: the row's side(s) scaled and rounded inward, the open side the
            // activity's own extreme (CP-SAT needs finite domains that cannot overflow).
            if (ActivityRange(columns, coefficients, lower, upper) is not var (least, most))
                return Refused(model, $"row {linear.RowName(i)} could overflow 64-bit integers");
            var rhs = linear.Rhs(i) * scale;
            if (!Bounded(rhs)) return Refused(model, $"row {linear.RowName(i)} has a huge right-hand side");
            var slack = SolutionCheck.Tolerance * Math.Max(1, Math.Abs(rhs));
            var sense = linear.Sense(i);
            var lo = sense == RowSense.LessOrEqual ? least : Math.Max(least, (long)Math.Ceiling(rhs - slack));
            var hi = sense == RowSense.GreaterOrEqual ? most : Math.Min(most, (long)Math.Floor(rhs + slack));
            if (lo > hi)
            {
                if (groupOf[i] < 0) return new CpSatModel(model, 1, n, [], null, infeasible: true);
                // A conditional row that cannot hold: its literal is false.
                proto.Constraints.Add(new ConstraintProto { BoolAnd = new BoolArgumentProto { Literals = { -literals[groupOf[i]] - 1 } } });
                continue;
            }
            var constraint = new ConstraintProto
            {
                Linear = new LinearConstraintProto { Vars = { columns.ToArray() }, Coeffs = { coefficients }, Domain = { lo, hi } },
            };
            if (groupOf[i] >= 0) constraint.EnforcementLiteral.Add(literals[groupOf[i]]);
            proto.Constraints.Add(constraint);
        }

        var objective = new double[n];
        for (var j = 0; j < n; j++) objective[j] = linear.Objective(j);
        if (Scale(objective, coefficients) is not { } objectiveScale)
            return Refused(model, $"the objective has coefficients that are no decimals of up to {MaxPowerOfTen} places nor fractions with denominators up to {MaxDenominator}");
        var sign = linear.Maximize ? -1 : 1;
        var cpObjective = new CpObjectiveProto { ScalingFactor = sign };
        for (var j = 0; j < n; j++)
        {
            if (coefficients[j] == 0) continue;
            cpObjective.Vars.Add(j);
            cpObjective.Coeffs.Add(sign * coefficients[j]);
        }
        if (cpObjective.Vars.Count > 0) proto.Objective = cpObjective;
        return new CpSatModel(model, objectiveScale, n, literals, null, infeasible: false);
    }

    /// <summary>Sets the hint to <paramref name="values"/> (rounded), every variable included: CP-SAT completes a partial hint by search.</summary>
    public void SetHint(ReadOnlySpan<double> values)
    {
        var hint = new PartialVariableAssignment();
        for (var j = 0; j < ColumnCount; j++)
        {
            hint.Vars.Add(j);
            hint.Values.Add((long)Math.Round(values[j]));
        }
        Model.Model.SolutionHint = hint;
    }

    /// <summary>The column values of a CP-SAT solution.</summary>
    public double[] Values(IList<long> solution)
    {
        var values = new double[ColumnCount];
        for (var j = 0; j < values.Length; j++) values[j] = solution[j];
        return values;
    }

    /// <summary>A CP-SAT objective value (or bound) in model units, offset included.</summary>
    public double ModelObjective(LinearModel linear, double cpObjective) =>
        cpObjective / ObjectiveScale + linear.ObjectiveOffset;

    private static CpSatModel Refused(CpModel model, string reason) => new(model, 1, 0, [], reason, infeasible: false);

    private static bool Bounded(double value) => double.IsFinite(value) && Math.Abs(value) <= MaxMagnitude;

    /// <summary>
    /// The smallest factor that makes every value an integer, each value read as an exact fraction
    /// (<see cref="Fraction"/>), with the scaled values in <paramref name="scaled"/>; <see langword="null"/> when a value
    /// has no such reading, or a value or the factor is huge.
    /// </summary>
    private static long? Scale(ReadOnlySpan<double> values, List<long> scaled)
    {
        scaled.Clear();
        var fractions = new List<(long Numerator, long Denominator)>(values.Length);
        var scale = 1L;
        foreach (var v in values)
        {
            if (!Bounded(v) || Fraction(v) is not { } f) return null;
            fractions.Add(f);
            scale = checked(scale / Gcd(scale, f.Denominator) * f.Denominator);
            if (scale > MaxScale) return null;
        }
        foreach (var (numerator, denominator) in fractions)
        {
            var s = (double)numerator * (scale / denominator);
            if (Math.Abs(s) > MaxMagnitude) return null;
            scaled.Add(numerator * (scale / denominator));
        }
        return scale;
    }

    /// <summary>
    /// <paramref name="value"/> as a fraction: an integer as itself; else the shortest decimal that round-trips it, up
    /// to 9 places (0.1 is 1/10); else the first convergent of its continued fraction, with a denominator up to 10^6,
    /// that round-trips it (0.3333333333333333 is 1/3, a share of an operation written as a fraction).
    /// <see langword="null"/> when it has none of these readings (pi/10, say).
    /// </summary>
    /// <remarks>Every reading equals the value to the last bit of the double, so it changes no row by more than the
    /// tolerance every solver (and <see cref="SolutionCheck"/>) already allows.</remarks>
    private static (long Numerator, long Denominator)? Fraction(double value)
    {
        if (value == Math.Floor(value)) return ((long)value, 1);
        var digits = DecimalPlaces(value);
        if (digits <= MaxPowerOfTen)
        {
            var power = 1L;
            for (var p = 0; p < digits; p++) power *= 10;
            return ((long)decimal.Round((decimal)value * power), power);
        }
        long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
        var x = value;
        while (true)
        {
            var a = Math.Floor(x);
            if (Math.Abs(a) > MaxDenominator) return null;
            long h = (long)a * h1 + h0, k = (long)a * k1 + k0;
            if (k > MaxDenominator) return null;
            if ((double)h / k == value) return (h, k);
            (h0, h1, k0, k1) = (h1, h, k1, k);
            if (x == a) return null;
            x = 1 / (x - a);
        }
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Digits after the point of the shortest text that round-trips <paramref name="value"/>; more than 9 for none.</summary>
    private static int DecimalPlaces(double value)
    {
        var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal)) return MaxPowerOfTen + 1;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text.Length - point - 1;
    }

    /// <summary>The least and most activity of a row within the column bounds; <see langword="null"/> when it overflows.</summary>
    private static (long Least, long Most)? ActivityRange(ReadOnlySpan<int> columns, List<long> coefficients, long[] lower, long[] upper)
    {
        long least = 0, most = 0;
        try
        {
            for (var k = 0; k < columns.Length; k++)
            {
                var c = coefficients[k];
                least = checked(least + c * (c > 0 ? lower[columns[k]] : upper[columns[k]]));
                most = checked(most + c * (c > 0 ? upper[columns[k]] : lower[columns[k]]));
            }
        }
        catch (OverflowException)
        {
            return null;
        }
        return (least, most);
    }

    /// <summary>Which columns take integer values in every feasible solution (see the remarks).</summary>
    private static bool[] ImpliedIntegers(LinearModel linear, int[] groupOf)
    {
        var integral = new bool[linear.ColumnCount];
        var pending = 0;
        for (var j = 0; j < integral.Length; j++)
        {
            integral[j] = linear.IsInteger(j);
            if (!integral[j]) pending++;
        }
        if (pending == 0) return integral;
        for (var i = 0; i < linear.RowCount && pending > 0; i++)
        {
            if (linear.Sense(i) != RowSense.Equal || groupOf[i] >= 0) continue;
            var columns = linear.RowColumns(i);
            var coefficients = linear.RowCoefficients(i);
            var free = -1;
            for (var k = 0; k < columns.Length && free != -2; k++)
            {
                if (integral[columns[k]]) continue;
                free = free == -1 ? k : -2;
            }
            if (free < 0) continue;
            var a = coefficients[free];
            var multiples = IsInteger(linear.Rhs(i) / a);
            for (var k = 0; k < columns.Length && multiples; k++) multiples = k == free || IsInteger(coefficients[k] / a);
            if (!multiples) continue;
            integral[columns[free]] = true;
            pending--;
        }
        return integral;
    }

    private static bool IsInteger(double value) => double.IsFinite(value) && value == Math.Round(value);
}
