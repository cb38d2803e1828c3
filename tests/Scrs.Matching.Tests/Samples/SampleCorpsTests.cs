using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Domain;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Tests.Samples;

public class SampleCorpsTests
{
    private static readonly string[] PartnerAgencies =
        ["State", "USAID", "Agriculture", "Commerce", "HHS", "Homeland Security", "Justice", "Treasury"];

    private static readonly SampleCorpsOptions Tiny = new()
    {
        ActiveMembers = 30, StandbyMembers = 120, ReserveMembers = 60, Contractors = 15, Operations = 2, PositionsPerOperation = 25,
    };

    /// <summary>Random small but varied option sets, from 0 members or positions up, 1 to 14 months.</summary>
    private static Arbitrary<SampleCorpsOptions> SmallOptions { get; } =
        (from seed in ArbMap.Default.GeneratorFor<int>()
         from active in Gen.Choose(0, 40)
         from standby in Gen.Choose(0, 120)
         from reserve in Gen.Choose(0, 60)
         from contractors in Gen.Choose(0, 20)
         from operations in Gen.Choose(0, 12)
         from positions in Gen.Choose(0, 25)
         from months in Gen.Choose(1, 14)
         from tightness in Gen.Elements(0.5, 1.0, 3.0)
         select new SampleCorpsOptions
         {
             Seed = seed, ActiveMembers = active, StandbyMembers = standby, ReserveMembers = reserve, Contractors = contractors,
             Operations = operations, PositionsPerOperation = positions, Months = months, SurgeTightness = tightness,
         }).ToArbitrary();

    [Fact]
    public void Same_options_give_the_same_problem_field_by_field()
    {
        var a = ProblemText.Render(SampleCorps.Generate(Tiny));
        var b = ProblemText.Render(SampleCorps.Generate(Tiny with { }));
        Assert.Equal(a, b);
    }

    [Property]
    public Property Same_seed_gives_the_same_problem_for_random_options() =>
        Prop.ForAll(SmallOptions, o =>
            ProblemText.Render(SampleCorps.Generate(o)) == ProblemText.Render(SampleCorps.Generate(o with { })));

    [Fact]
    public void A_different_seed_gives_a_different_problem()
    {
        var a = SampleCorps.Generate(Tiny);
        var b = SampleCorps.Generate(Tiny with { Seed = Tiny.Seed + 1 });
        Assert.NotEqual(ProblemText.Render(a), ProblemText.Render(b));
        // Not just one field: most members differ.
        var differing = a.Members.Zip(b.Members).Count(p =>
            ProblemText.Render(Only(a, p.First)) != ProblemText.Render(Only(b, p.Second)));
        Assert.True(differing > a.Members.Length / 2, $"only {differing} of {a.Members.Length} members differ");
    }

    [Property]
    public Property Sizes_match_the_options_for_random_options() =>
        Prop.ForAll(SmallOptions, o =>
        {
            var p = SampleCorps.Generate(o);
            return p.Members.Count(m => m.Component == Component.Active) == o.ActiveMembers
                && p.Members.Count(m => m.Component == Component.Standby) == o.StandbyMembers
                && p.Members.Count(m => m.Component == Component.Reserve) == o.ReserveMembers
                && p.Members.Count(m => m.Component == Component.Contractor) == o.Contractors
                && p.Operations.Length == o.Operations
                && p.Operations.All(op => op.Positions.Length == o.PositionsPerOperation)
                && p.PlanningDate == o.PlanningDate;
        });

    [Property]
    public Property Every_generated_problem_keeps_the_input_invariants_for_random_options() =>
        Prop.ForAll(SmallOptions, o => AssertWellFormed(SampleCorps.Generate(o)));

    [Theory]
    [InlineData(SampleCorps.Families.Small)]
    [InlineData(SampleCorps.Families.Corps)]
    [InlineData(SampleCorps.Families.Surge)]
    [InlineData(SampleCorps.Families.Large)]
    [InlineData(SampleCorps.Families.CorpsReady)]
    public void Every_family_keeps_the_input_invariants(string family) =>
        AssertWellFormed(SampleCorps.Generate(SampleCorps.Families.ForFamily(family)));

    /// <summary>
    /// The benchmark families are byte for byte what they were before teams and credentials (their recorded optima compare
    /// against them): the SHA-256 of each problem's JSON, as generated on 2026-12-07 before the generator gained them.
    /// </summary>
    [Theory]
    [InlineData(SampleCorps.Families.Small, "7a9a52d0566f0176fb940d7ee45937e942036cc7e86eadf61934677b4ea337c9")]
    [InlineData(SampleCorps.Families.Corps, "30a518454c8dd14bcedbe0d790831c6b6b00d5c104cb39475df91fdc2dfe357a")]
    [InlineData(SampleCorps.Families.Surge, "f37bc068634c95b502e148efe53d6aaeae388d2a0923cf6a286d061694cc7830")]
    [InlineData(SampleCorps.Families.Large, "a4670eb4ac94384bf1cfe4a1de046ff288e152133b3bfc616c39f614492f7f82")]
    public void The_benchmark_families_are_byte_for_byte_what_they_were(string family, string sha256)
    {
        var text = Scrs.Matching.Input.ProblemJson.Write(SampleCorps.Generate(SampleCorps.Families.ForFamily(family)));
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void Corps_ready_is_the_corps_with_two_or_three_teams_an_operation_credentials_and_courses()
    {
        var corps = SampleCorps.Generate(SampleCorps.Families.ForFamily("corps"));
        var ready = SampleCorps.Generate(SampleCorps.Families.ForFamily("corps-ready"));
        Assert.Empty(Scrs.Matching.Validation.ProblemValidator.Validate(ready));
        Assert.All(ready.Operations, o => Assert.InRange(o.Teams.Length, 2, 3));
        Assert.Contains(ready.Operations.SelectMany(o => o.Teams), t => t.MinAgencies == 2);
        // The corps' members and positions, unchanged but for credentials; then the teams' positions.
        var stripped = ready with
        {
            Members = [.. ready.Members.Select(m => m with { Credentials = Member.NoCredentials })],
            Operations = [.. ready.Operations.Zip(corps.Operations, (o, before) => o with
            {
                Positions = [.. o.Positions.Take(before.Positions.Length).Select(p => p with { Credentials = [] })],
                Teams = [],
            })],
            Policy = ready.Policy with { Courses = [] },
        };
        Assert.Equal(Scrs.Matching.Input.ProblemJson.Write(corps), Scrs.Matching.Input.ProblemJson.Write(stripped));
        foreach (var (before, after) in corps.Operations.Zip(ready.Operations))
            Assert.Equal(after.Teams.SelectMany(t => t.Positions), after.Positions.Skip(before.Positions.Length).Select(p => p.Id));
        Assert.Equal(["FACT", "medical"], ready.Policy.Courses.Select(c => c.Credential));
        // Some members hold each credential, some of them past its expiry before the operations end, some not at all.
        foreach (var credential in new[] { "FACT", "medical" })
        {
            var held = ready.Members.Where(m => m.Credentials.ContainsKey(credential)).ToList();
            Assert.InRange(held.Count, ready.Members.Length / 5, ready.Members.Length - 1);
            Assert.Contains(held, m => m.Credentials[credential] < ready.PlanningDate.AddDays(360));
        }
        Assert.Contains(ready.Operations.SelectMany(o => o.Positions), p => p.Credentials.Contains("FACT"));
    }

    [Fact]
    public void Families_have_the_sizes_of_the_benchmark_issue()
    {
        static (int Members, int Operations, int Positions) Size(string family)
        {
            var o = SampleCorps.Families.ForFamily(family);
            return (o.ActiveMembers + o.StandbyMembers + o.ReserveMembers + o.Contractors, o.Operations, o.Operations * o.PositionsPerOperation);
        }

        Assert.Equal((500, 1, 30), Size("small"));
        Assert.Equal((4550, 3, 300), Size("corps"));
        Assert.Equal((4550, 6, 600), Size("surge"));
        Assert.Equal((20_000, 10, 2000), Size("large"));
        Assert.Equal(SampleCorpsOptions.Default, SampleCorps.Families.ForFamily("Corps"));
        Assert.True(SampleCorps.Families.ForFamily("surge").SurgeTightness > 1);
    }

    [Fact]
    public void Scaled_families_keep_the_component_proportions_of_the_corps()
    {
        var large = SampleCorps.Families.ForFamily("large");
        var corps = SampleCorpsOptions.Default;
        Assert.InRange(large.StandbyMembers / (double)large.ActiveMembers, corps.StandbyMembers / (double)corps.ActiveMembers * 0.99,
            corps.StandbyMembers / (double)corps.ActiveMembers * 1.01);
        Assert.Equal(large.StandbyMembers, large.ReserveMembers);
    }

    [Fact]
    public void An_unknown_family_is_refused_with_the_valid_names()
    {
        var e = Assert.Throws<ArgumentException>(() => SampleCorps.Families.ForFamily("huge"));
        Assert.Contains("huge", e.Message, StringComparison.Ordinal);
        foreach (var name in SampleCorps.Families.Names) Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_refused_naming_every_bad_field()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            SampleCorps.Generate(Tiny with { StandbyMembers = -1, Months = 0, SurgeTightness = 0 }));
        Assert.Contains("SampleCorpsOptions.StandbyMembers", e.Message, StringComparison.Ordinal);
        Assert.Contains("SampleCorpsOptions.Months", e.Message, StringComparison.Ordinal);
        Assert.Contains("SampleCorpsOptions.SurgeTightness", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_operations_leaves_the_members_unchanged()
    {
        var corps = SampleCorps.Generate(Tiny);
        var more = SampleCorps.Generate(Tiny with { Operations = 5, PositionsPerOperation = 40 });
        Assert.Equal(corps.Members.Select(m => ProblemText.Render(Only(corps, m))), more.Members.Select(m => ProblemText.Render(Only(more, m))));
    }

    [Fact]
    public void The_corps_follows_the_CRC_structure()
    {
        var p = SampleCorps.Generate(SampleCorpsOptions.Default);
        var active = p.Members.Where(m => m.Component == Component.Active).ToArray();
        var standby = p.Members.Where(m => m.Component == Component.Standby).ToArray();

        Assert.True(active.Count(m => m.Agency is "State" or "USAID") >= 0.8 * active.Length, "the active component is mostly State and USAID");
        Assert.Equal(PartnerAgencies.Order(), standby.Select(m => m.Agency!).Distinct().Order());
        var bySize = standby.GroupBy(m => m.Agency!).OrderByDescending(g => g.Count()).Select(g => g.Key).ToArray();
        Assert.Equal(["State", "USAID"], bySize[..2].Order());
        Assert.Equal("Justice", bySize[2]);
        Assert.All(p.Members.Where(m => m.Component is Component.Reserve or Component.Contractor), m => Assert.Null(m.Agency));

        Assert.True(standby.Count(m => m.Clearance >= Clearance.Secret) > 0.7 * standby.Length, "standby members mostly hold a secret clearance");
        var reserve = p.Members.Where(m => m.Component == Component.Reserve).ToArray();
        Assert.True(reserve.Count(m => m.Clearance <= Clearance.Confidential) > 0.7 * reserve.Length, "reserve members mostly hold none or confidential");
        Assert.True(p.Members.Count(m => m.Unavailable.Length > 0) is var gaps && gaps > 0.2 * p.Members.Length && gaps < 0.6 * p.Members.Length);
        Assert.True(p.Members.Count(m => m.DeployedDaysLast365 == 0) > p.Members.Length / 2, "most members were not deployed last year");
    }

    [Fact]
    public void Justice_members_lean_to_rule_of_law_and_HHS_members_to_public_health()
    {
        var p = SampleCorps.Generate(SampleCorpsOptions.Default);
        double Share(string agency, string skill)
        {
            var members = p.Members.Where(m => m.Agency == agency).ToArray();
            return members.Count(m => m.Skills.ContainsKey(skill)) / (double)members.Length;
        }

        Assert.True(Share("Justice", "rule-of-law") > 2 * Share("HHS", "rule-of-law"));
        Assert.True(Share("HHS", "public-health") > 2 * Share("Justice", "public-health"));
    }

    [Fact]
    public void The_corps_operations_have_the_documented_mix()
    {
        var p = SampleCorps.Generate(SampleCorpsOptions.Default);
        var positions = p.Operations.SelectMany(o => o.Positions).ToArray();

        Assert.All(p.Operations, o => Assert.True(o.Positions.Min(x => x.Window.Start) > p.PlanningDate.AddDays(14), "operations start weeks after planning"));
        Assert.InRange(positions.Count(x => x.Priority == Priority.Critical) / (double)positions.Length, 0.10, 0.25);
        Assert.InRange(positions.Count(x => x.Headcount == 1) / (double)positions.Length, 0.6, 0.9);
        Assert.Contains(positions, x => !x.Languages.IsEmpty);
        Assert.Contains(positions, x => x.AllowedComponents.SequenceEqual([Component.Active, Component.Standby]));
        Assert.Equal(90, p.Policy.DefaultRotationDays);
        Assert.Equal(30, p.Policy.RestDays);
        Assert.Null(p.Policy.Budget);
        Assert.Empty(p.Locks);
    }

    [Fact]
    public void Surge_limits_cover_every_agency_the_reserve_and_each_operation_and_tighten_with_the_option()
    {
        var corps = SampleCorps.Generate(SampleCorpsOptions.Default).Policy.Surge;
        var tight = SampleCorps.Generate(SampleCorpsOptions.Default with { SurgeTightness = 2 }).Policy.Surge;

        Assert.Equal(PartnerAgencies.Order(), corps.Where(s => s.Component == Component.Standby).Select(s => s.Agency!).Order());
        Assert.All(corps.Where(s => s.Component == Component.Standby), s => Assert.Equal(0.10, s.MaxShare));
        Assert.Equal(50, Assert.Single(corps, s => s.Component == Component.Reserve).MaxConcurrent);
        Assert.Equal(3, corps.Count(s => s.Component == Component.Contractor && s.Operation is not null && s.MaxShare == 0.30));

        Assert.All(tight.Where(s => s.Component == Component.Standby), s => Assert.Equal(0.05, s.MaxShare));
        Assert.Equal(25, Assert.Single(tight, s => s.Component == Component.Reserve).MaxConcurrent);
    }

    private static DeploymentProblem Only(DeploymentProblem p, Member m) =>
        p with { Members = [m], Operations = [], Policy = Policy.Default, Locks = [] };

    /// <summary>The invariants an input validator checks; there is none on this branch, so they are spelled out here.</summary>
    private static bool AssertWellFormed(DeploymentProblem p)
    {
        Assert.Equal(p.Members.Length, p.Members.Select(m => m.Id).Distinct().Count());
        Assert.Equal(p.Operations.Length, p.Operations.Select(o => o.Id).Distinct().Count());
        var positions = p.Operations.SelectMany(o => o.Positions).ToArray();
        Assert.Equal(positions.Length, positions.Select(x => x.Id).Distinct().Count());

        foreach (var m in p.Members)
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Name), m.Id);
            Assert.InRange(m.Skills.Count, 1, 3);
            Assert.All(m.Skills.Values, level => Assert.InRange(level, 1, 5));
            Assert.Contains("English", m.Languages);
            Assert.Equal(m.Languages.Length, m.Languages.Distinct().Count());
            Assert.All(m.Unavailable, r => Assert.True(r.End >= r.Start, $"{m.Id} {r}"));
            Assert.InRange(m.DeployedDaysLast365, 0, 200);
            Assert.True(m.DailyCost is null or > 0, m.Id);
            if (m.Component is Component.Active or Component.Standby) Assert.Contains(m.Agency, PartnerAgencies);
            else Assert.Null(m.Agency);
        }

        foreach (var x in positions)
        {
            Assert.True(x.Window.End >= x.Window.Start, x.Id);
            Assert.True(x.Window.Start > p.PlanningDate, x.Id);
            Assert.InRange(x.Requires.Count, 1, 2);
            Assert.All(x.Requires.Values, level => Assert.InRange(level, 2, 4));
            Assert.InRange(x.Headcount, 1, 4);
            Assert.True(x.RotationDays is null or > 0, x.Id);
            Assert.DoesNotContain("English", x.Languages);
        }

        var agencies = p.Members.Select(m => m.Agency).OfType<string>().ToHashSet();
        var operations = p.Operations.Select(o => o.Id).ToHashSet();
        foreach (var s in p.Policy.Surge)
        {
            Assert.True(s.MaxConcurrent is null != s.MaxShare is null, s.Describe());
            Assert.True(s.MaxConcurrent is null or >= 0, s.Describe());
            Assert.True(s.MaxShare is null or >= 0 and <= 1, s.Describe());
            Assert.True(s.Agency is null || agencies.Contains(s.Agency), s.Describe());
            Assert.True(s.Operation is null || operations.Contains(s.Operation), s.Describe());
        }
        Assert.True(p.Policy.RestDays >= 0);
        return true;
    }
}
