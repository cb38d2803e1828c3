using Scrs.Matching.Input;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Tests.Input;

/// <summary>
/// Input that parses but cannot be read whole: escaped lone surrogates (no text), and values so long that an error
/// repeating them would be as long. Each reader answers an error naming the field, never an exception or a huge message.
/// </summary>
public class UnreadableInputTests
{
    private const string Problem = """
        {
          "planningDate": "2025-03-01",
          "members": [ { "id": "M1", "component": "active" } ],
          "operations": [ { "id": "OP1", "positions": [ { "id": "P1", "start": "2025-04-01", "end": "2025-06-30" } ] } ]
        }
        """;

    [Theory]
    [InlineData("\"planningDate\": \"2025-03-01\"", "\"planningDate\": \"\\ud800\"", "planningDate")]
    [InlineData("\"id\": \"M1\"", "\"id\": \"M\\udfff1\"", "members[0].id")]
    [InlineData("\"component\": \"active\"", "\"component\": \"\\ud800active\"", "members[0].component")]
    [InlineData("\"id\": \"P1\"", "\"id\": \"P1\", \"x\\ud800\": 1", "operations[0].positions[0]")]
    public void A_lone_surrogate_escape_in_a_problem_is_a_malformed_input_error_naming_the_field(string find, string replace, string field)
    {
        var result = ProblemJson.Read(Problem.Replace(find, replace, StringComparison.Ordinal));
        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_roster_or_a_scenario_is_an_error_naming_the_field()
    {
        var roster = RosterJson.ReadAssignments("""{"assignments": [{"member": "M\ud800", "position": "P1", "start": "2025-04-01", "end": "2025-04-30"}]}""");
        Assert.Equal("assignments[0].member", Assert.Single(roster.Errors).Field);
        var scenario = ScenarioJson.Read("""{"mode": "\udc00"}""");
        Assert.Equal("mode", Assert.Single(scenario.Errors).Field);
    }

    [Fact]
    public void A_paired_surrogate_escape_is_text_and_reads()
    {
        var result = ProblemJson.Read(Problem.Replace("\"id\": \"M1\"", "\"id\": \"M\\ud83d\\ude001\"", StringComparison.Ordinal));
        Assert.True(result.Ok, string.Join("; ", result.Errors.IsDefault ? [] : result.Errors));
        Assert.Equal("M\U0001F6001", result.Value!.Members[0].Id);
    }

    [Fact]
    public void An_error_repeats_a_long_value_cut_with_its_length()
    {
        var date = new string('9', 1_000_000);
        var result = ProblemJson.Read(Problem.Replace("2025-03-01", date, StringComparison.Ordinal));
        var error = Assert.Single(result.Errors);
        Assert.Equal("planningDate", error.Field);
        Assert.Contains(new string('9', ReadErrors.EchoLength) + "... (1,000,000 characters)", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void An_unknown_property_with_a_long_name_is_named_cut_in_its_field_and_message()
    {
        var name = new string('x', 50_000);
        var result = ProblemJson.Read(Problem.Replace("\"planningDate\"", $"\"{name}\": 1, \"planningDate\"", StringComparison.Ordinal));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(new string('x', ReadErrors.EchoLength) + "... (50,000 characters)", error.Field, StringComparison.Ordinal);
        Assert.True(error.Field.Length + error.Message.Length < 1_000, error.ToString());
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData("", "")]
    public void Echo_keeps_a_short_value_whole(string value, string expected) => Assert.Equal(expected, ReadErrors.Echo(value));

    [Fact]
    public void Echo_keeps_a_value_of_exactly_the_limit_whole_and_cuts_one_longer()
    {
        var limit = new string('a', ReadErrors.EchoLength);
        Assert.Equal(limit, ReadErrors.Echo(limit));
        Assert.Equal(limit + "... (101 characters)", ReadErrors.Echo(limit + "b"));
    }

    [Fact]
    public void Untranscodable_finds_nothing_in_readable_text()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"a": ["x", {"b": "\u00e9"}], "c": 1}""");
        Assert.Null(JsonOutput.Untranscodable(document.RootElement, ""));
        using var bad = System.Text.Json.JsonDocument.Parse("""{"a": ["x", {"b": "\ud800"}], "c": 1}""");
        Assert.Equal("a[1].b", JsonOutput.Untranscodable(bad.RootElement, "")?.Field);
    }
}
