using System.Text.Json.Nodes;
using Scrs.Matching.Advice;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Input;

/// <summary>The advice JSON: docs/advice.md's examples have exactly the fields the writer writes for each kind of advice.</summary>
public class AdviceJsonTests
{
    /// <summary>The <c>```json</c> blocks of docs/advice.md, in order.</summary>
    private static List<JsonNode> DocumentedExamples()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf(Path.Combine("docs", "advice.md")));
        var blocks = new List<JsonNode>();
        for (var start = Array.IndexOf(lines, "```json"); start >= 0; start = Array.IndexOf(lines, "```json", start + 1))
            blocks.Add(JsonNode.Parse(string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l != "```")))!);
        return blocks;
    }

    /// <summary>Every property path of a JSON value, array items as <c>[]</c>.</summary>
    private static SortedSet<string> Paths(JsonNode? node, string at = "")
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    paths.Add(at + "." + key);
                    paths.UnionWith(Paths(value, at + "." + key));
                }
                break;
            case JsonArray a:
                foreach (var item in a) paths.UnionWith(Paths(item, at + "[]"));
                break;
        }
        return paths;
    }

    [Fact]
    public void The_documented_advice_of_each_kind_has_the_fields_the_writer_writes()
    {
        // Real advice of every kind, from tiny problems with courses.
        var written = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        for (var seed = 0; seed < 600 && written.Count < 3; seed++)
        {
            var problem = TinyProblems.GenerateWithCourses(seed);
            var report = Advisor.Advise(problem, options: new AdviceOptions { MaxRecruits = 2, Top = 50, Planner = new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) } });
            foreach (var advice in JsonNode.Parse(AdviceJson.Write(report))!["advice"]!.AsArray())
            {
                var kind = advice!["kind"]!.GetValue<string>();
                if (written.ContainsKey(kind) || advice["members"] is JsonArray { Count: 0 }) continue;
                written[kind] = Paths(advice);
            }
        }
        Assert.Equal(["recruit", "release", "train"], written.Keys.Order());
        var documented = DocumentedExamples().SelectMany(d => d["advice"]!.AsArray()).ToList();
        Assert.Equal(["recruit", "train"], documented.Select(a => a!["kind"]!.GetValue<string>()).Distinct().Order());
        foreach (var advice in documented)
        {
            var kind = advice!["kind"]!.GetValue<string>();
            // The documented members' optional fields (agency, languages...) vary; the paths of the advice itself may not.
            Assert.Equal(written[kind].Where(p => !p.StartsWith(".members[].", StringComparison.Ordinal)),
                Paths(advice).Where(p => !p.StartsWith(".members[].", StringComparison.Ordinal)));
        }
    }
}
