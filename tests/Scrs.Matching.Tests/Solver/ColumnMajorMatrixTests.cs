using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

public class ColumnMajorMatrixTests
{
    /// <summary>
    /// <see cref="LinearModel.ByColumn"/> keeps what was added since it was built in a tail (rows, and the entries of
    /// columns stored since) and rebuilds it when columns are added: after any sequence of added rows, added columns,
    /// stored columns, copies and calls, each column must hold exactly its entries, rows increasing, and its reduced costs must round
    /// as those of the plain matrix (it stores no coefficients for rows of ones).
    /// </summary>
    [Property]
    public Property TheSharedMatrixByColumnHoldsEachColumnsEntriesInRowOrderAndReducesAsThePlainOneAfterAnyRowsColumnsStoresAndCopies()
    {
        var step = from kind in Gen.Choose(0, 12)
                   from columns in Gen.Choose(0, 7).ArrayOf()
                   from coefficient in Gen.Elements(1.0, -1.0, 0.5, 3.0)
                   select (kind, columns, coefficient);
        return Prop.ForAll(step.ArrayOf().ToArbitrary(), Gen.Choose(0, 255).ToArbitrary(), (steps, storedAtFirst) =>
        {
            var model = new LinearModel("grow");
            for (var j = 0; j < 8; j++) model.AddColumn(0, 1, 0, isInteger: true);
            // The first eight columns are stored or not by the bits of storedAtFirst; the others (added later) always are.
            model.StoreOnly([.. Enumerable.Range(0, 8).Select(j => (storedAtFirst >> j & 1) == 1)]);
            // The oracle: each row's entries over every column, stored or not.
            var truth = new List<(int Column, double Value)[]>();
            foreach (var (kind, columns, coefficient) in steps)
            {
                if (kind == 0) model.AddColumn(0, 1, 0, isInteger: false);
                // A copy goes on from the matrix and the tail of the model it copies.
                else if (kind == 12) model = model.Clone();
                else if (kind < 4) _ = model.ByColumn();
                else if (kind < 6)
                {
                    // Stores the first column given that is not stored yet, with its entries in every row so far.
                    if (columns.Select(c => (int?)c).FirstOrDefault(c => !model.IsStored(c!.Value)) is not { } c) continue;
                    var entries = truth.Select((row, i) => (i, row.Where(e => e.Column == c).Select(e => e.Value).ToArray()))
                        .Where(e => e.Item2.Length > 0).Reverse().ToArray();
                    // Last row first: a pool gives a column's entries in any order.
                    model.AppendEntries(c, [.. entries.Select(e => e.i)], [.. entries.Select(e => e.Item2[0])]);
                }
                else
                {
                    var distinct = columns.Where(c => c < model.ColumnCount).Distinct().Order().ToArray();
                    var values = distinct.Select((_, k) => k % 2 == 0 ? 1.0 : coefficient).ToArray();
                    model.AddRow(distinct, values, RowSense.LessOrEqual, 1);
                    truth.Add([.. distinct.Zip(values)]);
                }
            }
            var shared = model.ByColumn();
            var expected = Enumerable.Range(0, model.ColumnCount).Select(j => !model.IsStored(j) ? [] : truth
                .SelectMany((row, i) => row.Where(e => e.Column == j).Select(e => (i, e.Value))).ToArray()).ToArray();
            // Reduced costs: the compact matrix with its tail rounds exactly as the plain matrix of the whole model.
            var plain = ColumnMajorMatrix.From(model);
            var y = Enumerable.Range(0, model.RowCount).Select(i => 0.1 * (i + 1) - 0.37).ToArray();
            return shared.Starts.Length == model.ColumnCount + 1 && expected.Select((entries, j) =>
                    entries.SequenceEqual(Entries(shared, j)) && entries.SequenceEqual(Entries(plain, j)) && shared.Count(j) == entries.Length
                    && BitConverter.DoubleToInt64Bits(shared.Reduce(j, 0.3, y)) == BitConverter.DoubleToInt64Bits(plain.Reduce(j, 0.3, y)))
                .All(ok => ok);
        });
    }

    /// <summary>
    /// Regression (found by the property above): a column stored after the matrix was built, with entries only in rows
    /// added after it, left the tail as it was, without them.
    /// </summary>
    [Fact]
    public void AColumnStoredWithEntriesOnlyInRowsAddedSinceTheMatrixIsInItsTail()
    {
        var model = new LinearModel("late");
        for (var j = 0; j < 3; j++) model.AddColumn(0, 1, 0, isInteger: true);
        model.StoreOnly([true, false, true]);
        model.AddRow([0], [1.0], RowSense.LessOrEqual, 1);
        _ = model.ByColumn();
        model.AddRow([1, 2], [1.0, -1.0], RowSense.LessOrEqual, 1);
        _ = model.ByColumn();
        model.AppendEntries(1, [1], [1.0]);
        Assert.Equal([(1, 1.0)], Entries(model.ByColumn(), 1));
    }

    /// <summary>
    /// Regression (found by the property above once it made copies): a copy of a model whose matrix by column had a tail
    /// (columns stored after it was built) took the matrix without the tail, so the copy priced those columns as empty.
    /// </summary>
    [Fact]
    public void ACopyKeepsTheEntriesOfColumnsStoredAfterTheMatrixWasBuilt()
    {
        var model = new LinearModel("copied");
        for (var j = 0; j < 2; j++) model.AddColumn(0, 1, 0, isInteger: true);
        model.StoreOnly([true, false]);
        model.AddRow([0], [1.0], RowSense.LessOrEqual, 1);
        model.AddRow([0], [2.0], RowSense.LessOrEqual, 1);
        _ = model.ByColumn();
        model.AppendEntries(1, [1, 0], [3.0, 1.0]);
        var copy = model.Clone();
        Assert.Equal([(0, 1.0), (1, 3.0)], Entries(copy.ByColumn(), 1));
        Assert.Equal([(0, 1.0), (1, 3.0)], Entries(model.ByColumn(), 1));
    }

    private static List<(int, double)> Entries(ColumnMajorMatrix matrix, int j)
    {
        var entries = new List<(int, double)>();
        foreach (var entry in matrix.Column(j)) entries.Add(entry);
        return entries;
    }
}
