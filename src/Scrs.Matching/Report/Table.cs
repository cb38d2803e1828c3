using System.Text;

namespace Scrs.Matching.Report;

internal enum Align { Left, Right }

/// <summary>Rows of cells written with each column as wide as its widest cell, two spaces apart, indented by two.</summary>
internal sealed class Table(params Align[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length) throw new ArgumentException("One cell per column.", nameof(cells));
        _rows.Add(cells);
    }

    public void WriteTo(StringBuilder text)
    {
        var widths = columns.Select((_, c) => _rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in _rows)
        {
            var line = new StringBuilder("  ");
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(columns[c] == Align.Left ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]));
            }
            text.AppendLine(line.ToString().TrimEnd());
        }
    }
}
