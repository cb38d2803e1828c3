using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scrs.Matching.Baseline;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Input;
using Scrs.Matching.Model;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Benchmarks.Phases;

/// <summary>
/// In-process jobs: the machine is shared, so no separate benchmark project is generated and built per run. The short
/// run (3 warm-ups, 3 iterations) keeps a full run to minutes; the memory diagnoser reports allocations.
/// </summary>
public sealed class PhaseConfig : ManualConfig
{
    public PhaseConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
    }
}

/// <summary>The fast stages of a solve, each on its own: reading the JSON, eligibility, model building, greedy baseline, validation.</summary>
/// <remarks>Validation re-checks the greedy roster (it is built once in the setup; it has the size of a real roster).</remarks>
[Config(typeof(PhaseConfig))]
public class PhaseBenchmarks
{
    private string _json = "";
    private DeploymentProblem _problem = null!;
    private CandidateSet _candidates = null!;
    private ImmutableArray<Assignment> _roster;

    /// <summary>The sample-corps family measured.</summary>
    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = SampleCorps.Families.Small;

    /// <summary>
    /// The families to measure: all of them, or the comma-separated list in the environment variable
    /// <c>SCRS_BENCH_FAMILIES</c> (BenchmarkDotNet's filter selects methods, not parameter values).
    /// </summary>
    public static IEnumerable<string> Families =>
        Environment.GetEnvironmentVariable("SCRS_BENCH_FAMILIES") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : SampleCorps.Families.Names;

    [GlobalSetup]
    public void Setup()
    {
        _problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(Family));
        _json = ProblemJson.Write(_problem);
        _candidates = CandidateGenerator.Generate(new PlanningIndex(_problem));
        var model = RosterModelBuilder.Build(_candidates);
        var values = new double[model.Linear.ColumnCount];
        foreach (var j in GreedyRoster.Solve(_candidates) ?? []) values[j] = 1;
        _roster = RosterPlanner.ToAssignments(model, values);
    }

    [Benchmark]
    public object ReadJson() => ProblemJson.Read(_json);

    [Benchmark]
    public object Eligibility() => CandidateGenerator.Generate(new PlanningIndex(_problem));

    [Benchmark]
    public object BuildModel() => RosterModelBuilder.Build(_candidates);

    [Benchmark]
    public object? Greedy() => GreedyRoster.Solve(_candidates);

    [Benchmark]
    public object Validate() => RosterValidator.Validate(_problem, _roster);
}
