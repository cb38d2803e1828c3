using System.Globalization;
using System.Text;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Tests.Samples;

/// <summary>
/// Renders every field of a problem as canonical text (dictionary keys sorted), so that two problems can be compared deeply:
/// the domain records hold immutable collections, whose equality is by reference.
/// </summary>
internal static class ProblemText
{
    public static string Render(DeploymentProblem p)
    {
        var sb = new StringBuilder();
        void Line(FormattableString text) => sb.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        static string Map(IEnumerable<KeyValuePair<string, int>> map) =>
            string.Join(",", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

        Line($"planning {p.PlanningDate}");
        foreach (var m in p.Members)
            Line($"member {m.Id}|{m.Name}|{m.Component}|{m.Agency}|{Map(m.Skills)}|{string.Join(",", m.Languages)}|{m.Clearance}|{string.Join(",", m.Unavailable)}|{m.LeadTimeDays}|{m.MaxTourDays}|{m.DailyCost}|{m.DeployedDaysLast365}");
        foreach (var o in p.Operations)
        {
            Line($"operation {o.Id}|{o.Name}");
            foreach (var x in o.Positions)
                Line($"position {x.Id}|{x.Title}|{Map(x.Requires)}|{string.Join(",", x.Languages)}|{x.Clearance}|{x.Headcount}|{x.Window}|{x.RotationDays}|{x.Priority}|{string.Join(",", x.AllowedComponents)}");
        }
        foreach (var (c, cp) in p.Policy.Components.OrderBy(kv => kv.Key))
            Line($"component {c}|{cp.LeadTimeDays}|{cp.MaxTourDays}|{cp.DailyCost}");
        Line($"policy {p.Policy.RestDays}|{p.Policy.DefaultRotationDays}|{p.Policy.Budget}");
        foreach (var s in p.Policy.Surge) Line($"surge {s.Describe()}");
        foreach (var l in p.Locks) Line($"lock {l.Member}|{l.Position}|{l.Start}|{l.End}");
        foreach (var e in p.Exclusions) Line($"exclusion {e.Member}|{e.Position}|{e.Operation}");
        return sb.ToString();
    }
}
