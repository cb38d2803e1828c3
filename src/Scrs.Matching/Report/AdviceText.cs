using System.Globalization;
using System.Text;
using Scrs.Matching.Advice;
using static Scrs.Matching.Report.RosterSummary;

namespace Scrs.Matching.Report;

/// <summary>Advice as plain text: the coverage it starts from and each piece with its proven gain.</summary>
public static class AdviceText
{
    /// <summary>The text of <paramref name="report"/>.</summary>
    /// <param name="report">The advice.</param>
    /// <returns>The text, lines separated by <see cref="Environment.NewLine"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is <see langword="null"/>.</exception>
    public static string ToText(AdviceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Section(text, "Advice, best first");
        var b = report.Baseline;
        text.AppendLine($"  from coverage critical {Count(b.Critical)}, high {Count(b.High)}, normal {Count(b.Normal)}, low {Count(b.Low)}"
            + (report.BaselineProven ? " (proven optimal)" : " (not proven optimal: the gains are not exact)"));
        text.AppendLine(report.Advice.IsEmpty ? $"  {Count(report.Considered)} change(s) solved; none gains a seat-day"
            : $"  {Count(report.Considered)} change(s) considered; the best {Count(report.Advice.Length)} with a gain, each proven by its solve:");
        for (var i = 0; i < report.Advice.Length; i++)
        {
            var a = report.Advice[i];
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,2}. {Name(a.Kind)}: {a.Sentence}{(a.Proven ? "" : " (not proven)")}"));
        }
        return text.ToString();
    }
}
