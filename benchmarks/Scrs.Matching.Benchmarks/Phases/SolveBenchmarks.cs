using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Phases;

/// <summary>A solve takes seconds: one launch, one warm-up, three single-invocation iterations.</summary>
public sealed class SolveConfig : ManualConfig
{
    public SolveConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
    }
}

/// <summary>
/// The exact solve to proven optimum (or to the gap reached within the time limit) through the public planner: eligibility,
/// model, the lexicographic search and verification of a parsed problem. The first two are measured alone in
/// <see cref="PhaseBenchmarks"/>; their share is small.
/// </summary>
[Config(typeof(SolveConfig))]
public class SolveBenchmarks
{
    private DeploymentProblem _problem = null!;

    /// <summary>
    /// The family: <c>small</c>, or those listed in <c>SCRS_BENCH_FAMILIES</c>; corps and larger take minutes per solve,
    /// so the <c>compare</c> and <c>scaling</c> commands measure them once instead.
    /// </summary>
    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = SampleCorps.Families.Small;

    public static IEnumerable<string> Families =>
        Environment.GetEnvironmentVariable("SCRS_BENCH_FAMILIES") is { Length: > 0 } ? PhaseBenchmarks.Families : [SampleCorps.Families.Small];

    [GlobalSetup]
    public void Setup() => _problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(Family));

    [Benchmark]
    public object ExactSolve() => RosterPlanner.Plan(_problem, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(120) });
}
