using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scrs.Matching.Domain;
using Scrs.Matching.Samples;
using Scrs.Matching.Simulation;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>
/// Reads scenarios (<c>scenario.json</c>, docs/scenario-format.md) and writes simulation results (<c>results.json</c>).
/// </summary>
/// <remarks>As for problems, every error is reported at once with its field (<c>declines.standby</c>,
/// <c>problem.members[3].component</c>); nothing given is ignored.</remarks>
public static class ScenarioJson
{
    private static readonly string[] RootFields =
        ["problem", "sample", "replications", "seed", "mode", "declines", "attritionPerYear", "unavailability", "arrivals", "sustain",
            "sessionCancellation"];
    private static readonly string[] SampleFields = ["family", "seed"];
    private static readonly string[] ComponentFields = ["active", "standby", "reserve", "contractor"];
    private static readonly string[] DeclineFields = [.. ComponentFields, "agencies"];
    private static readonly string[] AbsenceFields = ["ratePerMemberYear", "duration"];
    private static readonly string[] ArrivalFields = ["ratePerYear", "operations", "template", "positions", "durationDays"];
    private static readonly string[] DistributionFields = ["distribution", "value", "mean", "min", "max", "sd"];
    private static readonly EnumNames<DurationKind> Kinds = new(
        (DurationKind.Fixed, "fixed"), (DurationKind.Exponential, "exponential"), (DurationKind.Uniform, "uniform"), (DurationKind.LogNormal, "lognormal"));

    /// <summary>Reads a scenario from JSON text.</summary>
    /// <returns>The scenario, or every error found in it (its problem's included, under <c>problem.</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static ReadResult<Scenario> Read(string json) => JsonOutput.Parse(json, Read);

    /// <summary>Writes simulation results as indented JSON (<c>results.json</c>, docs/scenario-format.md).</summary>
    /// <param name="results">The results.</param>
    /// <param name="scenario">The scenario they are of (its sustain thresholds are written beside the probability).</param>
    /// <returns>The document; the same results always give the same text.</returns>
    public static string WriteResults(SimulationResults results, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scenario);
        return JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("replications", results.Replications);
            w.WriteNumber("seed", results.Seed);
            w.WriteString("mode", JsonNames.Modes.Name(results.Mode));
            w.WriteBoolean("partial", results.Partial);
            w.WriteString("stoppedBy", results.StoppedBy);
            w.WriteNumber("unprovenReplications", results.UnprovenReplications);
            w.WriteNumber("elapsedSeconds", Math.Round(results.Elapsed.TotalSeconds, 3));
            w.WriteStartObject("fill");
            foreach (var fill in results.Priorities)
            {
                w.WriteStartObject(JsonNames.Priorities.Name(fill.Priority));
                w.WriteNumberOrNull("mean", fill.Mean);
                WriteInterval(w, "confidence95", fill.Confidence95);
                WritePercentiles(w, fill.Percentiles);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("sustain");
            foreach (var (priority, threshold) in scenario.Sustain.OrderBy(t => t.Key)) w.WriteNumber(JsonNames.Priorities.Name(priority), threshold);
            w.WriteEndObject();
            if (results.SustainProbability is { } sustained)
            {
                w.WriteStartObject("sustainProbability");
                w.WriteNumber("estimate", sustained.Estimate);
                WriteInterval(w, "confidence95", sustained.Confidence95);
                w.WriteEndObject();
            }
            else w.WriteNull("sustainProbability");
            w.WriteArray("months", results.Months, (w, month) =>
            {
                w.WriteStartObject();
                w.WriteString("month", month.Month);
                foreach (var (priority, percentiles) in month.Priorities.OrderBy(p => p.Key))
                {
                    w.WritePropertyName(JsonNames.Priorities.Name(priority));
                    if (percentiles is null)
                    {
                        w.WriteNullValue();
                        continue;
                    }
                    w.WriteStartObject();
                    WritePercentiles(w, percentiles);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            });
            w.WriteArray("positions", results.Positions, (w, p) =>
            {
                w.WriteStartObject();
                w.WriteString("position", p.Position);
                w.WriteString("operation", p.Operation);
                w.WriteString("priority", JsonNames.Priorities.Name(p.Priority));
                w.WriteNumber("unfilledProbability", p.UnfilledProbability);
                w.WriteNumber("meanUncoveredSeatDays", p.MeanUncoveredSeatDays);
                w.WriteEndObject();
            });
            w.WriteArray("bottlenecks", results.Bottlenecks, (w, b) =>
            {
                w.WriteStartObject();
                w.WriteString("requirement", b.Requirement);
                w.WriteString("kind", b.Kind);
                w.WriteNumber("expectedUncoveredSeatDays", b.ExpectedUncoveredSeatDays);
                w.WriteEndObject();
            });
            w.WriteEndObject();
        });
    }

    private static void WriteInterval(Utf8JsonWriter w, string name, Interval? interval)
    {
        if (interval is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("low", interval.Low);
        w.WriteNumber("high", interval.High);
        w.WriteEndObject();
    }

    private static void WritePercentiles(Utf8JsonWriter w, Percentiles? p)
    {
        w.WriteNumberOrNull("p5", p?.P5);
        w.WriteNumberOrNull("p50", p?.P50);
        w.WriteNumberOrNull("p95", p?.P95);
    }

    private static ReadResult<Scenario> Read(JsonElement root)
    {
        var errors = new ReadErrors();
        var nested = new List<InputError>();
        if (JsonRecord.Open(root, "", null, null, errors) is not { } doc) return ReadResult<Scenario>.Failure(errors.ToImmutable());
        doc.Expect(RootFields);
        DeploymentProblem? problem = null;
        var problemElement = doc.Raw("problem");
        var sample = doc.Child("sample", null, out _);
        if (problemElement is not null && sample is not null) doc.Fail("sample", "give problem or sample, not both");
        else if (problemElement is { } p)
        {
            var read = ProblemReader.Read(p);
            if (read.Ok) problem = read.Value;
            else nested.AddRange(read.Errors.Select(e => e with { Field = Prefixed("problem", e.Field) }));
        }
        else if (sample is not null) problem = ReadSample(sample);
        else doc.Fail("problem", "is required (or sample)");
        var replications = doc.Int("replications") ?? 100;
        if (replications < 1) doc.Fail("replications", $"must be at least 1, got {replications}");
        var seed = doc.Int("seed") ?? 0;
        var mode = doc.Enum("mode", JsonNames.Modes, "mode") ?? SimulationMode.Static;
        var declines = doc.Child("declines", null, out _) is { } d ? ReadDeclines(d) : DeclineProbabilities.None;
        var attrition = doc.Child("attritionPerYear", null, out _) is { } a ? ReadComponents(a, rate: true) : ComponentValues.Zero;
        AbsenceModel? absences = null;
        if (doc.Child("unavailability", null, out _) is { } u)
        {
            u.Expect(AbsenceFields);
            var rate = Rate(u, "ratePerMemberYear", required: true);
            absences = u.Child("duration", null, out _) is { } duration ? new AbsenceModel(rate, ReadDistribution(duration)) : null;
            if (absences is null) u.Fail(u.Field("duration"), "is required");
        }
        ArrivalModel? arrivals = null;
        if (doc.Child("arrivals", null, out _) is { } r && problem is not null) arrivals = ReadArrivals(r, problem, nested);
        var sustain = ImmutableDictionary<Priority, double>.Empty;
        if (doc.Child("sustain", null, out _) is { } s)
        {
            foreach (var name in s.Names())
            {
                if (!JsonNames.Priorities.TryParse(name, out var priority) || sustain.ContainsKey(priority))
                {
                    s.Fail(s.Field(name), sustain.ContainsKey(priority) ? "is given twice"
                        : $"unknown priority '{ReadErrors.Echo(name)}'; allowed values: {JsonNames.Priorities.Allowed}");
                    continue;
                }
                if (Probability(s, name) is { } threshold) sustain = sustain.SetItem(priority, threshold);
            }
        }
        var cancellation = Probability(doc, "sessionCancellation") ?? 0;
        var all = errors.ToImmutable().AddRange(nested);
        if (!all.IsEmpty || problem is null) return ReadResult<Scenario>.Failure(all);
        return ReadResult<Scenario>.Success(new Scenario(problem, replications, seed, mode, declines, attrition, absences, arrivals, sustain)
        {
            SessionCancellation = cancellation,
        });
    }

    private static DeploymentProblem? ReadSample(JsonRecord r)
    {
        r.Expect(SampleFields);
        var family = r.String("family") ?? SampleCorps.Families.Corps;
        var seed = r.Int("seed");
        if (!SampleCorps.Families.Names.Contains(family.ToLowerInvariant()))
        {
            r.Fail(r.Field("family"), $"unknown family '{ReadErrors.Echo(family)}'; allowed values: {string.Join(", ", SampleCorps.Families.Names)}");
            return null;
        }
        var options = SampleCorps.Families.ForFamily(family);
        return SampleCorps.Generate(seed is { } s ? options with { Seed = s } : options);
    }

    private static DeclineProbabilities ReadDeclines(JsonRecord r)
    {
        r.Expect(DeclineFields);
        var byComponent = new ComponentValues(Probability(r, "active") ?? 0, Probability(r, "standby") ?? 0,
            Probability(r, "reserve") ?? 0, Probability(r, "contractor") ?? 0);
        var agencies = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        if (r.Child("agencies", null, out _) is { } a)
        {
            foreach (var name in a.Names())
            {
                if (Probability(a, name) is { } p) agencies[name] = p;
            }
        }
        return new DeclineProbabilities(byComponent, agencies.ToImmutable());
    }

    private static ComponentValues ReadComponents(JsonRecord r, bool rate)
    {
        r.Expect(ComponentFields);
        double Value(string name) => (rate ? Rate(r, name) : Probability(r, name)) ?? 0;
        return new ComponentValues(Value("active"), Value("standby"), Value("reserve"), Value("contractor"));
    }

    private static ArrivalModel? ReadArrivals(JsonRecord r, DeploymentProblem problem, List<InputError> nested)
    {
        r.Expect(ArrivalFields);
        var rate = Rate(r, "ratePerYear", required: true);
        var positions = r.Child("positions", null, out _) is { } p ? ReadDistribution(p) : null;
        var duration = r.Child("durationDays", null, out _) is { } d ? ReadDistribution(d) : null;
        var template = r.String("template");
        var list = r.Raw("operations");
        if (template is not null && template != "sample") r.Fail(r.Field("template"), $"must be sample (the generator's skill mix), got '{ReadErrors.Echo(template)}'");
        if ((template is null) == (list is null))
        {
            r.Fail(r.Field("operations"), "give operations (to draw from) or template \"sample\", one of them");
            return null;
        }
        if (list is null) return new ArrivalModel(rate, [], positions, duration);
        // The operations are read as a problem's are, against the scenario's planning date, with the same messages.
        var document = new JsonObject
        {
            ["planningDate"] = problem.PlanningDate.ToString(JsonNames.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
            ["members"] = new JsonArray(),
            ["operations"] = JsonNode.Parse(list.Value.GetRawText()),
        };
        using var parsed = JsonDocument.Parse(document.ToJsonString());
        var read = ProblemReader.Read(parsed.RootElement);
        if (!read.Ok)
        {
            nested.AddRange(read.Errors.Select(e => e with { Field = Prefixed(r.Path, e.Field) }));
            return null;
        }
        if (read.Value!.Operations.IsEmpty) r.Fail(r.Field("operations"), "must hold at least one operation to draw from");
        return new ArrivalModel(rate, read.Value.Operations, positions, duration);
    }

    private static DurationDistribution ReadDistribution(JsonRecord r)
    {
        r.Expect(DistributionFields);
        var kind = r.Enum("distribution", Kinds, "distribution", required: true) ?? DurationKind.Fixed;
        double Positive(string name)
        {
            var v = r.Double(name);
            if (v is null) r.Fail(r.Field(name), $"is required for a {Kinds.Name(kind)} distribution");
            else if (!(v > 0)) r.Fail(r.Field(name), $"must be above 0, got {v}");
            return v ?? 1;
        }
        switch (kind)
        {
            case DurationKind.Fixed:
                return new DurationDistribution(kind, Positive("value"));
            case DurationKind.Exponential:
                return new DurationDistribution(kind, Positive("mean"));
            case DurationKind.Uniform:
                var min = Positive("min");
                var max = Positive("max");
                if (max < min) r.Fail(r.Field("max"), $"must be at least min ({min}), got {max}");
                return new DurationDistribution(kind, (min + max) / 2, min, max);
            default:
                return new DurationDistribution(kind, Positive("mean"), StandardDeviationDays: Positive("sd"));
        }
    }

    private static double? Probability(JsonRecord r, string name)
    {
        var v = r.Double(name);
        if (v is { } p && !(p is >= 0 and <= 1)) r.Fail(r.Field(name), $"must be a probability in [0, 1], got {p}");
        return v;
    }

    private static double Rate(JsonRecord r, string name, bool required = false)
    {
        var v = r.Double(name);
        if (v is null && required) r.Fail(r.Field(name), "is required");
        if (v is { } rate && !(rate >= 0 && double.IsFinite(rate))) r.Fail(r.Field(name), $"must be a rate of at least 0, got {rate}");
        return v ?? 0;
    }

    private static string Prefixed(string prefix, string field) =>
        field == ErrorLocation.Document ? prefix : field.StartsWith('[') ? prefix + field : $"{prefix}.{field}";
}
