using System.Globalization;

namespace Scrs.Matching.Solver;

/// <summary>
/// Writes a <see cref="LinearModel"/> as free MPS, independently of any solver, so that another solver can check it
/// (read by <c>glpsol --freemps</c> and by the <c>cbc</c> command line). The output is deterministic.
/// </summary>
/// <remarks>
/// Two portability choices, both checked against GLPK 5.0 and CBC 2.10: a maximized objective is written negated
/// (GLPK rejects an OBJSENSE section and CBC ignores it in free MPS), and the objective offset is written only as a
/// comment (the two read an RHS on the objective row with opposite signs). Both facts are stated in the header
/// comments, so the reader's optimum converts back as <c>offset + sign x (reader's objective)</c>.
/// </remarks>
internal static class MpsWriter
{
    private const string ObjectiveRow = "OBJ";

    /// <summary>Writes <paramref name="model"/> to <paramref name="writer"/>; its cuts (<see cref="LinearModel.IsCut"/>) only with <paramref name="cuts"/>.</summary>
    /// <exception cref="ArgumentException">Two rows or two columns have the same name once spaces are replaced.</exception>
    public static void Write(LinearModel model, TextWriter writer, bool cuts = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        var columns = Names(model.ColumnCount, model.ColumnName, "column");
        var rows = Names(model.RowCount, model.RowName, "row");
        if (rows.Contains(ObjectiveRow))
            throw new ArgumentException($"MPS export: row name '{ObjectiveRow}' is reserved for the objective.", nameof(model));
        var sign = model.Maximize ? -1.0 : 1.0;

        bool Written(int row) => cuts || !model.IsCut(row);
        writer.WriteLine($"* {Sanitize(model.Name)}: {model.ColumnCount} columns, {Enumerable.Range(0, model.RowCount).Count(Written)} rows");
        writer.WriteLine(model.Maximize
            ? "* objective sense: MAXIMIZE, written negated as a minimization (objective = -(minimum))"
            : "* objective sense: MINIMIZE");
        writer.WriteLine($"* objective offset: {Number(model.ObjectiveOffset)} (not in the file; add it to the objective)");
        writer.WriteLine($"NAME {Sanitize(model.Name)}");

        writer.WriteLine("ROWS");
        writer.WriteLine($" N {ObjectiveRow}");
        for (var i = 0; i < model.RowCount; i++)
            if (Written(i)) writer.WriteLine($" {(char)model.Sense(i)} {rows[i]}");

        writer.WriteLine("COLUMNS");
        var matrix = ColumnMajorMatrix.From(model);
        var inInteger = false;
        for (var j = 0; j < model.ColumnCount; j++)
        {
            if (model.IsInteger(j) != inInteger)
            {
                inInteger = !inInteger;
                writer.WriteLine($"    MARKER 'MARKER' '{(inInteger ? "INTORG" : "INTEND")}'");
            }
            var objective = sign * model.Objective(j);
            var empty = true;
            for (var k = matrix.Starts[j]; k < matrix.Starts[j + 1] && empty; k++) empty = !Written(matrix.Rows[k]);
            // A column must appear here to exist, so an empty one gets its (zero) objective entry.
            if (objective != 0 || empty) writer.WriteLine($"    {columns[j]} {ObjectiveRow} {Number(objective)}");
            for (var k = matrix.Starts[j]; k < matrix.Starts[j + 1]; k++)
                if (Written(matrix.Rows[k])) writer.WriteLine($"    {columns[j]} {rows[matrix.Rows[k]]} {Number(matrix.Values[k])}");
        }
        if (inInteger) writer.WriteLine("    MARKER 'MARKER' 'INTEND'");

        writer.WriteLine("RHS");
        for (var i = 0; i < model.RowCount; i++)
            if (Written(i) && model.Rhs(i) != 0) writer.WriteLine($"    RHS {rows[i]} {Number(model.Rhs(i))}");

        writer.WriteLine("BOUNDS");
        for (var j = 0; j < model.ColumnCount; j++) WriteBounds(writer, model, j, columns[j]);
        writer.WriteLine("ENDATA");
    }

    /// <summary>
    /// Writes every bound that differs from [0, +inf), and PL for an unbounded integer column, because some readers
    /// give integer columns between markers a default upper bound of 1.
    /// </summary>
    private static void WriteBounds(TextWriter writer, LinearModel model, int column, string name)
    {
        double lower = model.Lower(column), upper = model.Upper(column);
        if (lower == upper)
        {
            writer.WriteLine($" FX BND {name} {Number(lower)}");
            return;
        }
        if (double.IsNegativeInfinity(lower))
            writer.WriteLine(double.IsPositiveInfinity(upper) ? $" FR BND {name}" : $" MI BND {name}");
        else if (lower != 0 || upper < 0)
            writer.WriteLine($" LO BND {name} {Number(lower)}");

        if (!double.IsPositiveInfinity(upper))
            writer.WriteLine($" UP BND {name} {Number(upper)}");
        else if (model.IsInteger(column) && !double.IsNegativeInfinity(lower))
            writer.WriteLine($" PL BND {name}");
    }

    private static string[] Names(int count, Func<int, string> name, string kind)
    {
        var names = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < count; k++)
        {
            names[k] = Sanitize(name(k));
            if (!seen.Add(names[k]))
                throw new ArgumentException($"MPS export: {kind} name '{names[k]}' (index {k}) is not unique.", "model");
        }
        return names;
    }

    /// <summary>Free MPS separates fields by blanks, so a name keeps none.</summary>
    private static string Sanitize(string name) =>
        name.Length == 0 ? "_" : string.Concat(name.Select(c => char.IsWhiteSpace(c) ? '_' : c));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
