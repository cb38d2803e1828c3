namespace Scrs.Matching.Solver;

/// <summary>
/// The constraint matrix of a <see cref="LinearModel"/> by column (CSC), as CBC's loader and the MPS format want it;
/// within a column the rows are in increasing order.
/// </summary>
/// <param name="Starts">Column <c>j</c> occupies <c>[Starts[j], Starts[j + 1])</c> of the other two arrays.</param>
/// <param name="Rows">Row index of each nonzero.</param>
/// <param name="Values">Coefficient of each nonzero.</param>
internal sealed record ColumnMajorMatrix(int[] Starts, int[] Rows, double[] Values)
{
    public static ColumnMajorMatrix From(LinearModel model)
    {
        var starts = new int[model.ColumnCount + 1];
        for (var i = 0; i < model.RowCount; i++)
            foreach (var c in model.RowColumns(i)) starts[c + 1]++;
        for (var j = 0; j < model.ColumnCount; j++) starts[j + 1] += starts[j];

        var next = starts[..model.ColumnCount];
        var rows = new int[model.NonZeros];
        var values = new double[model.NonZeros];
        for (var i = 0; i < model.RowCount; i++)
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
