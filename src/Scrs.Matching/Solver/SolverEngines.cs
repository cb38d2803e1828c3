using Scrs.Matching.Planning;
using Scrs.Matching.Solver.Cbc;
using Scrs.Matching.Solver.CpSat;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Pricing;

namespace Scrs.Matching.Solver;

/// <summary>The solver behind each <see cref="SolverEngine"/>: the one place that wires backends together.</summary>
internal static class SolverEngines
{
    /// <summary>The engine <see cref="SolverEngine.Auto"/> stands for (see the engine table in the benchmarks' README).</summary>
    public static SolverEngine Resolve(SolverEngine engine) => engine == SolverEngine.Auto ? SolverEngine.Cbc : engine;

    /// <summary>A solver for <paramref name="engine"/>.</summary>
    /// <exception cref="SolverUnavailableException">The engine's native library is not shipped for this platform.</exception>
    public static IMipSolver Create(SolverEngine engine) => Resolve(engine) switch
    {
        SolverEngine.Cbc => new PricingSolver(new CbcSolver()),
        SolverEngine.Highs => new PricingSolver(new HighsSolver(), HighsRestrictedLinearProgram.Create),
        // The faster exact way to use CP-SAT: as the pricing's inner solver it proves small's six levels in 2.3-2.4 s, on
        // the whole stage models in 6.6 s (same run), and on corps it proves in 0.5 s a level that takes it 104 s whole
        // (benchmarks/README.md, CP-SAT engine).
        SolverEngine.CpSat => new PricingSolver(new CpSatSolver()),
        var other => throw new SolverUnavailableException($"The {other} engine is not built yet."),
    };
}
