using System.Globalization;
using System.Text;
using Scrs.Matching.Replanning;
using static Scrs.Matching.Report.RosterSummary;

namespace Scrs.Matching.Report;

/// <summary>Recommendations for a seat as plain text: the seat, the ranked candidates with their effects, the member asked about.</summary>
public static class RecommendationsText
{
    /// <summary>The text of <paramref name="recommendations"/>.</summary>
    /// <param name="recommendations">The ranking.</param>
    /// <returns>The text, lines separated by <see cref="Environment.NewLine"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recommendations"/> is <see langword="null"/>.</exception>
    public static string ToText(Recommendations recommendations)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        var r = recommendations;
        var text = new StringBuilder();
        Section(text, $"Seat of position {r.Position}, {r.Seat}");
        text.AppendLine(r.HeldBy.IsEmpty ? "  held by: nobody" : $"  held by: {string.Join(", ", r.HeldBy)}");
        text.AppendLine($"  {Count(r.Considered)} other member(s) could hold it on their own; each was locked in and the problem re-planned from the roster");
        Section(text, r.Candidates.IsEmpty ? "No candidate" : $"The best {r.Candidates.Length}, by the effect on each level");
        if (!r.Candidates.IsEmpty)
        {
            var table = new Table(Align.Right, Align.Left, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Left);
            table.Add("rank", "member", "critical", "high", "normal", "low", "changes", "cost", "load", "");
            for (var i = 0; i < r.Candidates.Length; i++)
            {
                var c = r.Candidates[i];
                table.Add([(i + 1).ToString(CultureInfo.InvariantCulture), c.Member, .. Cells(c.Effect), c.Proven ? "proven" : "not proven"]);
            }
            table.WriteTo(text);
            foreach (var c in r.Candidates.Where(c => !c.Changes.IsEmpty))
            {
                text.AppendLine($"  {c.Member} in the seat changes:");
                foreach (var change in c.Changes) text.AppendLine($"    {Name(change.Kind)} {change.Member} {change.Position} {change.Start:yyyy-MM-dd}..{change.End:yyyy-MM-dd}: {change.Reason}");
            }
        }
        if (r.Member is { } m)
        {
            Section(text, $"Why not {m.Member}");
            if (!m.Eligible) text.AppendLine($"  not eligible: {m.Reason}");
            else if (m.Effect is null) text.AppendLine($"  eligible, but no roster has them in the seat: {m.Reason}");
            else
            {
                var table = new Table(Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right);
                table.Add("critical", "high", "normal", "low", "changes", "cost", "load");
                table.Add(Cells(m.Effect));
                text.AppendLine("  eligible; the seat would change the roster by:");
                table.WriteTo(text);
            }
            foreach (var conflict in m.Conflicts) text.AppendLine($"  in the roster as it is: {conflict}");
            text.AppendLine(m.Instead.IsEmpty ? "  instead: no tour" : $"  instead: {string.Join("; ", m.Instead.Select(a => $"{a.Position} {a.Days}"))}");
        }
        return text.ToString();
    }

    private static string[] Cells(ObjectiveEffect e) =>
        [Signed(e.Critical), Signed(e.High), Signed(e.Normal), Signed(e.Low), Signed(e.Changes),
         e.Cost.ToString("+#,0.##;-#,0.##;0", CultureInfo.InvariantCulture), Signed(e.Load)];

    private static string Signed(long n) => n.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture);
}
