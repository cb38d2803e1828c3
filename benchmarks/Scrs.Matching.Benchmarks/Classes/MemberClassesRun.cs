using System.Globalization;
using System.Text;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Classes;

/// <summary>
/// How many classes of members the model cannot tell apart (issue 24): members with the same candidate tours, the same
/// surge scopes, agency and credentials need one set of coverage columns with integer counts; with the same daily cost
/// and deployed days too, one set for cost and load as well. Each family's count, its largest class, and the tours its
/// classes would keep of all the candidate tours.
/// </summary>
/// <remarks>A re-plan's previous roster, locks and exclusions set members apart as well; the sample families have none.</remarks>
internal static class MemberClassesRun
{
    public static int Run(IReadOnlyList<string> families, TextWriter output)
    {
        output.WriteLine($"{"family",-12} {"members",8} {"with tours",10} {"tours",10} {"coverage classes",17} {"largest",8} {"their tours",12} {"exact classes",14} {"largest",8} {"their tours",12}");
        foreach (var family in families)
        {
            var index = new PlanningIndex(SampleCorps.Generate(SampleCorps.Families.ForFamily(family)));
            var candidates = CandidateGenerator.Generate(index);
            var scopes = SurgeScope.Resolve(index);
            var coverage = new Dictionary<string, (int Size, int Tours)>(StringComparer.Ordinal);
            var exact = new Dictionary<string, (int Size, int Tours)>(StringComparer.Ordinal);
            var withTours = 0;
            for (var m = 0; m < index.Members.Length; m++)
            {
                var tours = candidates.ToursOf(m);
                if (tours.IsEmpty) continue;
                withTours++;
                var member = index.Members[m];
                var key = new StringBuilder();
                foreach (var t in tours) key.Append(CultureInfo.InvariantCulture, $"{t.Position},{t.FirstSlot},{t.LastSlot};");
                key.Append('|').Append(string.Concat(scopes.Select(s => s.InScope[m] ? '1' : '0'))).Append('|').Append(member.Agency).Append('|');
                foreach (var (name, until) in member.Credentials.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase)) key.Append(CultureInfo.InvariantCulture, $"{name}:{until:yyyy-MM-dd};");
                Count(coverage, key.ToString(), tours.Length);
                Count(exact, key.Append(CultureInfo.InvariantCulture, $"|{index.DailyCost[m]}|{member.DeployedDaysLast365}").ToString(), tours.Length);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{family,-12} {index.Members.Length,8:#,0} {withTours,10:#,0} {candidates.Tours.Length,10:#,0} {coverage.Count,17:#,0} {coverage.Values.Max(c => c.Size),8} {coverage.Values.Sum(c => c.Tours),12:#,0} {exact.Count,14:#,0} {exact.Values.Max(c => c.Size),8} {exact.Values.Sum(c => c.Tours),12:#,0}"));
        }
        return 0;
    }

    private static void Count(Dictionary<string, (int Size, int Tours)> classes, string key, int tours) =>
        classes[key] = classes.TryGetValue(key, out var c) ? (c.Size + 1, c.Tours) : (1, tours);
}
