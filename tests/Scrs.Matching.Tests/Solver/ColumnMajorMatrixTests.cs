using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

public class ColumnMajorMatrixTests
{
    /// <summary>
    /// <see cref="LinearModel.ByColumn"/> extends its cached matrix as rows are added (and rebuilds it when columns are):
    /// after any sequence of added rows, columns and calls, it must equal the matrix built from scratch.
    /// </summary>
    [Property]
    public Property TheSharedMatrixByColumnEqualsOneBuiltFromScratchAfterAnyRowsAndColumnsAdded()
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
            var (shared, fresh) = (model.ByColumn(), ColumnMajorMatrix.From(model));
            return shared.Starts.SequenceEqual(fresh.Starts) && shared.Rows.SequenceEqual(fresh.Rows) && shared.Values.SequenceEqual(fresh.Values);
        });
    }
}
