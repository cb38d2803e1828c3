using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

public class LinearModelTests
{
    /// <summary>
    /// Rows whose coefficients are all 1 are stored without them; every row must still read back as it was added,
    /// whatever the mix and order of lengths (the shared buffer of ones grows with the longest such row).
    /// </summary>
    [Property]
    public Property EveryRowReadsBackTheColumnsAndCoefficientsItWasAddedWith()
    {
        var coefficient = Gen.Elements(1.0, 1.0, 1.0, -1.0, 0.5, 2.0);
        var row = from length in Gen.Choose(0, 40)
                  from allOnes in Gen.Elements(true, false)
                  from values in coefficient.ArrayOf(length)
                  select allOnes ? Enumerable.Repeat(1.0, length).ToArray() : values;
        return Prop.ForAll(row.ArrayOf().ToArbitrary(), rows =>
        {
            var model = new LinearModel("rows");
            for (var j = 0; j < 40; j++) model.AddColumn(0, 1, 0, isInteger: true);
            foreach (var coefficients in rows)
                model.AddRow(Enumerable.Range(0, coefficients.Length).Reverse().ToArray(), coefficients, RowSense.LessOrEqual, 1);
            return rows.Select((coefficients, i) =>
                    model.RowCoefficients(i).SequenceEqual(coefficients)
                    && model.RowColumns(i).SequenceEqual(Enumerable.Range(0, coefficients.Length).Reverse().ToArray()))
                .All(ok => ok) && model.NonZeros == rows.Sum(r => r.Length);
        });
    }

    /// <summary>
    /// A model that stores only some columns keeps, in every row, exactly the stored columns' entries of the row as it
    /// was added; the entries appended when a column is stored later join their rows, whatever the coefficients, as if
    /// the column had been stored from the start.
    /// </summary>
    [Property]
    public Property RowsHoldTheStoredColumnsEntriesAndAppendedOnesJoinThem()
    {
        var coefficient = Gen.Elements(1.0, 1.0, 1.0, -1.0, 0.5, 2.0);
        var row = from length in Gen.Choose(0, 12)
                  from allOnes in Gen.Elements(true, false)
                  from values in coefficient.ArrayOf(length)
                  select allOnes ? Enumerable.Repeat(1.0, length).ToArray() : values;
        var problem = from rows in row.ArrayOf()
                      from stored in Gen.Elements(true, false).ArrayOf(12)
                      from later in Gen.Elements(true, false).ArrayOf(12)
                      select (rows, stored, later);
        return Prop.ForAll(problem.ToArbitrary(), x =>
        {
            var (rows, stored, later) = x;
            var whole = new LinearModel("whole");
            var part = new LinearModel("part");
            for (var j = 0; j < 12; j++)
            {
                whole.AddColumn(0, 1, 0, isInteger: true);
                part.AddColumn(0, 1, 0, isInteger: true);
            }
            part.StoreOnly((bool[])stored.Clone());
            foreach (var coefficients in rows)
            {
                var columns = Enumerable.Range(0, coefficients.Length).Select(k => 11 - k).ToArray();
                whole.AddRow(columns, coefficients, RowSense.LessOrEqual, 1);
                part.AddRow(columns, coefficients, RowSense.LessOrEqual, 1);
            }
            string Entries(LinearModel model, int i, Func<int, bool> keep) => string.Join(' ', model.RowColumns(i).ToArray()
                .Zip(model.RowCoefficients(i).ToArray()).Where(e => keep(e.First)).OrderBy(e => e.First).Select(e => $"{e.First}:{e.Second}"));
            var before = Enumerable.Range(0, rows.Length).All(i => Entries(part, i, _ => true) == Entries(whole, i, j => stored[j]));
            // Store the later columns with their entries from the whole model, as the implicit columns give them.
            var matrix = whole.ByColumn();
            for (var j = 0; j < 12; j++)
            {
                if (stored[j] || !later[j]) continue;
                var entries = new List<(int Row, double Value)>();
                foreach (var entry in matrix.Column(j)) entries.Add(entry);
                part.AppendEntries(j, [.. entries.Select(e => e.Row)], [.. entries.Select(e => e.Value)]);
            }
            var after = Enumerable.Range(0, rows.Length).All(i => Entries(part, i, _ => true) == Entries(whole, i, j => stored[j] || later[j]));
            var nonZeros = part.NonZeros == Enumerable.Range(0, rows.Length).Sum(i => whole.RowColumns(i).ToArray().Count(j => stored[j] || later[j]));
            return before && after && nonZeros;
        });
    }
}
