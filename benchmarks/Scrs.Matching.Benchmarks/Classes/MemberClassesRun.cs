using System.Globalization;
using System.Text;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Classes;

/// <summary>What <see cref="MemberClassesRun.Of"/> counts for one problem.</summary>
/// <param name="Members">Members of the problem.</param>
/// <param name="WithTours">Members with at least one candidate tour (the others are in no class).</param>
/// <param name="Tours">Candidate tours of all members.</param>
/// <param name="Coverage">Classes for the coverage levels: the same tours, surge scopes, agency and credentials.</param>
/// <param name="Exact">Classes for every level: the same daily cost and deployed days too.</param>
internal sealed record MemberClasses(int Members, int WithTours, int Tours, ClassCount Coverage, ClassCount Exact);

/// <summary>How many classes, the largest one's size, and the candidate tours of one member per class.</summary>
internal sealed record ClassCount(int Classes, int Largest, int Tours);

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
            var c = Of(SampleCorps.Generate(SampleCorps.Families.ForFamily(family)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{family,-12} {c.Members,8:#,0} {c.WithTours,10:#,0} {c.Tours,10:#,0} {c.Coverage.Classes,17:#,0} {c.Coverage.Largest,8} {c.Coverage.Tours,12:#,0} {c.Exact.Classes,14:#,0} {c.Exact.Largest,8} {c.Exact.Tours,12:#,0}"));
        }
        return 0;
    }

    /// <summary>The classes of <paramref name="problem"/>'s members.</summary>
    public static MemberClasses Of(DeploymentProblem problem)
    {
        var index = new PlanningIndex(problem);
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
            Add(coverage, key.ToString(), tours.Length);
            Add(exact, key.Append(CultureInfo.InvariantCulture, $"|{index.DailyCost[m]}|{member.DeployedDaysLast365}").ToString(), tours.Length);
        }
        static ClassCount Count(Dictionary<string, (int Size, int Tours)> classes) =>
            new(classes.Count, classes.Count == 0 ? 0 : classes.Values.Max(c => c.Size), classes.Values.Sum(c => c.Tours));
        return new MemberClasses(index.Members.Length, withTours, candidates.Tours.Length, Count(coverage), Count(exact));
    }

    private static void Add(Dictionary<string, (int Size, int Tours)> classes, string key, int tours) =>
        classes[key] = classes.TryGetValue(key, out var c) ? (c.Size + 1, c.Tours) : (1, tours);
}
