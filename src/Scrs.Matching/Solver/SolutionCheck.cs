namespace Scrs.Matching.Solver;

/// <summary>
/// Re-checks a solver's column values against the <see cref="LinearModel"/> itself, so that no backend's answer is
/// trusted blindly: bounds, integrality and every row, each within <see cref="Tolerance"/>.
/// </summary>
internal static class SolutionCheck
{
    /// <summary>Absolute tolerance, scaled by <c>max(1, |bound|)</c> for large right-hand sides and bounds.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>
    /// Copies <paramref name="raw"/>, rounding integer columns, and checks the result.
    /// Returns <see langword="null"/> and the first violation when it does not satisfy <paramref name="model"/>.
    /// </summary>
    public static double[]? Accept(LinearModel model, ReadOnlySpan<double> raw, out string? violation)
    {
        violation = null;
        if (raw.Length != model.ColumnCount)
        {
            violation = $"{raw.Length} values for {model.ColumnCount} columns";
            return null;
        }
        var values = raw.ToArray();
        for (var j = 0; j < values.Length; j++)
        {
            var v = values[j];
            if (!double.IsFinite(v))
            {
                violation = $"column {model.ColumnName(j)} is {v}";
                return null;
            }
            if (model.IsInteger(j))
            {
                var rounded = Math.Round(v);
                if (Math.Abs(v - rounded) > Tolerance)
                {
                    violation = $"integer column {model.ColumnName(j)} is {v}";
                    return null;
                }
                values[j] = v = rounded;
            }
            if (v < model.Lower(j) - Scaled(model.Lower(j)) || v > model.Upper(j) + Scaled(model.Upper(j)))
            {
                violation = $"column {model.ColumnName(j)} = {v} outside [{model.Lower(j)}, {model.Upper(j)}]";
                return null;
            }
        }
        for (var i = 0; i < model.RowCount; i++)
        {
            var activity = 0.0;
            var coefficients = model.RowCoefficients(i);
            var columns = model.RowColumns(i);
            for (var k = 0; k < columns.Length; k++) activity += coefficients[k] * values[columns[k]];
            var rhs = model.Rhs(i);
            var slack = Scaled(rhs);
            var holds = model.Sense(i) switch
            {
                RowSense.LessOrEqual => activity <= rhs + slack,
                RowSense.GreaterOrEqual => activity >= rhs - slack,
                _ => Math.Abs(activity - rhs) <= slack,
            };
            if (!holds)
            {
                violation = $"row {model.RowName(i)}: {activity} {(char)model.Sense(i)} {rhs}";
                return null;
            }
        }
        return values;
    }

    private static double Scaled(double bound) => Tolerance * Math.Max(1, double.IsFinite(bound) ? Math.Abs(bound) : 1);
}
