using System.Globalization;

namespace Scrs.Matching.Benchmarks.Compare;

/// <summary>
/// What the comparison needs from an exported free-MPS file: the column names in file order (GLPK's raw solution numbers
/// columns in that order), each column's objective coefficient, and the two facts the writer states in its header
/// comments (a maximized objective is written negated; the offset is not in the file).
/// </summary>
internal sealed record MpsFile(IReadOnlyList<string> Columns, IReadOnlyDictionary<string, double> Objective, bool Negated, double Offset)
{
    /// <summary>The objective value in the model's own sense from a value the reader reported for the minimization in the file.</summary>
    public double FromFile(double fileValue) => Offset + (Negated ? -fileValue : fileValue);

    /// <exception cref="FormatException">The file lacks the writer's header comments or its COLUMNS section.</exception>
    public static MpsFile Read(string path)
    {
        bool? negated = null;
        double? offset = null;
        string? objectiveRow = null;
        var columns = new List<string>();
        var objective = new Dictionary<string, double>(StringComparer.Ordinal);
        var section = "";
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('*'))
            {
                if (line.StartsWith("* objective sense:", StringComparison.Ordinal)) negated = line.Contains("MAXIMIZE", StringComparison.Ordinal);
                const string offsetTag = "* objective offset:";
                if (line.StartsWith(offsetTag, StringComparison.Ordinal))
                    offset = double.Parse(line[offsetTag.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                continue;
            }
            if (!char.IsWhiteSpace(line, 0))
            {
                section = line.Split(' ')[0];
                if (section == "ENDATA") break;
                continue;
            }
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (section == "ROWS" && fields is ["N", var name]) objectiveRow ??= name;
            if (section != "COLUMNS" || fields.Length < 3 || fields[1] == "'MARKER'") continue;
            if (columns.Count == 0 || columns[^1] != fields[0]) columns.Add(fields[0]);
            for (var k = 1; k + 1 < fields.Length; k += 2)
            {
                if (fields[k] == objectiveRow) objective[fields[0]] = double.Parse(fields[k + 1], CultureInfo.InvariantCulture);
            }
        }
        if (negated is null || offset is null)
            throw new FormatException($"{path}: missing the MPS writer's header comments (objective sense and offset).");
        if (columns.Count == 0) throw new FormatException($"{path}: no COLUMNS section.");
        return new MpsFile(columns, objective, negated.Value, offset.Value);
    }
}
