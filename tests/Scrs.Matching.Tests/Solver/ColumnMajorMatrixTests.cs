using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

public class ColumnMajorMatrixTests
{
    /// <summary>
    /// <see cref="LinearModel.ByColumn"/> keeps the rows added since it was built in a tail (and rebuilds it when columns are):
    /// after any sequence of added rows, columns and calls, each column must hold exactly its entries, rows increasing, and
    /// its reduced costs must round as those of the plain matrix (it stores no coefficients for rows of ones).
    /// </summary>
    [Property]
    public Property TheSharedMatrixByColumnHoldsEachColumnsEntriesInRowOrderAndReducesAsThePlainOneAfterAnyRowsAndColumnsAdded()
    {
        var step = from kind in Gen.Choose(0, 9)
                   from columns in Gen.Choose(0, 7).ArrayOf()
                   from coefficient in Gen.Elements(1.0, -1.0, 0.5, 3.0)
                   select (kind, columns, coefficient);
        return Prop.ForAll(step.ArrayOf().ToArbitrary(), steps =>
        {
            var model = new LinearModel("grow");
            for (var j = 0; j < 8; j++) model.AddColumn(0, 1, 0, isInteger: true);
            foreach (var (kind, columns, coefficient) in steps)
            {
                if (kind == 0) model.AddColumn(0, 1, 0, isInteger: false);
                else if (kind < 4) _ = model.ByColumn();
                else
                {
                    var distinct = columns.Distinct().Order().ToArray();
                    model.AddRow(distinct, [.. distinct.Select((_, k) => k % 2 == 0 ? 1.0 : coefficient)], RowSense.LessOrEqual, 1);
                }
            }
            var shared = model.ByColumn();
            // The oracle: each column's entries, row by row in increasing order.
            var expected = Enumerable.Range(0, model.ColumnCount).Select(j => Enumerable.Range(0, model.RowCount)
                .SelectMany(i => model.RowColumns(i).ToArray().Select((c, k) => (c, i, v: model.RowCoefficients(i)[k])).Where(e => e.c == j))
                .Select(e => (e.i, e.v)).ToArray()).ToArray();
            // Reduced costs: the compact matrix with its tail rounds exactly as the plain matrix of the whole model.
            var plain = ColumnMajorMatrix.From(model);
            var y = Enumerable.Range(0, model.RowCount).Select(i => 0.1 * (i + 1) - 0.37).ToArray();
            return shared.Starts.Length == model.ColumnCount + 1 && expected.Select((entries, j) =>
                    entries.SequenceEqual(Entries(shared, j)) && entries.SequenceEqual(Entries(plain, j)) && shared.Count(j) == entries.Length
                    && BitConverter.DoubleToInt64Bits(shared.Reduce(j, 0.3, y)) == BitConverter.DoubleToInt64Bits(plain.Reduce(j, 0.3, y)))
                .All(ok => ok);
        });
    }

    private static List<(int, double)> Entries(ColumnMajorMatrix matrix, int j)
    {
        var entries = new List<(int, double)>();
        foreach (var entry in matrix.Column(j)) entries.Add(entry);
        return entries;
    }
}
