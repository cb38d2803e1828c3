namespace Scrs.Matching.Solver;

/// <summary>
/// Which values of a <see cref="LinearModel"/> are integers at its integer solutions: coefficients read as exact
/// fractions, rows scaled to integers, continuous columns that an equality row makes integers. CP-SAT needs them to
/// translate a model exactly; the optimal face of a lexicographic level needs them to know when a row is tight.
/// </summary>
/// <remarks>
/// A continuous column x is implied integer when an equality row proves that every feasible x is an integer: the row
/// is <c>a x + sum b_k y_k = r</c> with every y_k an integer column and every b_k and r integer multiples of a, so
/// <c>x = r/a - sum (b_k/a) y_k</c> is an integer whenever the y_k are. The roster models' continuous columns are all
/// of this kind: each auxiliary column counts tours on a slot through <c>aux - sum of tours = 0</c>.
/// </remarks>
internal static class Integrality
{
    public const int MaxPowerOfTen = 9;

    /// <summary>The largest denominator of a value read as a fraction that is not a decimal.</summary>
    public const long MaxDenominator = 1_000_000;

    /// <summary>The largest factor a row or the objective is multiplied by.</summary>
    private const long MaxScale = 1_000_000_000_000;

    /// <summary>Coefficients and bounds beyond this are refused, so that no activity can overflow 64-bit integers.</summary>
    private const double MaxMagnitude = 1L << 50;

    public static bool Bounded(double value) => double.IsFinite(value) && Math.Abs(value) <= MaxMagnitude;

    /// <summary>
    /// The smallest factor that makes every value an integer, each value read as an exact fraction
    /// (<see cref="Fraction"/>), with the scaled values in <paramref name="scaled"/>; <see langword="null"/> when a value
    /// has no such reading, or a value or the factor is huge.
    /// </summary>
    public static long? Scale(ReadOnlySpan<double> values, List<long> scaled)
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

    /// <summary>Which columns take integer values in every feasible solution (see the remarks); rows <paramref name="skipRow"/> names are not used as proofs.</summary>
    public static bool[] ImpliedIntegers(LinearModel linear, Func<int, bool>? skipRow = null)
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
            if (linear.Sense(i) != RowSense.Equal || skipRow?.Invoke(i) == true) continue;
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

    public static bool IsInteger(double value) => double.IsFinite(value) && value == Math.Round(value);
}
