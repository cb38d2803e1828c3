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
}
