using Scrs.Matching.Planning;
using Scrs.Matching.Solver.Cbc;
using Scrs.Matching.Solver.CpSat;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Native;
using Scrs.Matching.Solver.Pricing;

namespace Scrs.Matching.Solver;

/// <summary>The solver behind each <see cref="SolverEngine"/>: the one place that wires backends together.</summary>
internal static class SolverEngines
{
    /// <summary>The engine <see cref="SolverEngine.Auto"/> stands for (see the engine table in the benchmarks' README).</summary>
    /// <remarks>
    /// CBC is the fastest exact path measured on corps, the family that decides (benchmarks/README.md, Engines): it
    /// proves all six levels in about 40 s, HiGHS in about 95 s (its branch and bound spends the cost and load levels in
    /// presolve and root cuts), and CP-SAT does not prove the cost level in 300 s; on small all three take under 0.6 s.
    /// Measured again with the implicit tours (2026-12-07): the demo corps 15.0 s with CBC, 17.5 s with HiGHS; 5,000
    /// members 14.6 s with CBC, not proven by HiGHS in 112 s; HiGHS's restricted searches are faster only at 20,000.
    /// Where the runtime package ships no CBC (Windows), HiGHS is next.
    /// </remarks>
    public static SolverEngine Resolve(SolverEngine engine) => engine != SolverEngine.Auto ? engine
        : NativeLibraries.IsAvailable(NativeLibraries.Cbc) ? SolverEngine.Cbc
        : SolverEngine.Highs;

    /// <summary>A solver for <paramref name="engine"/>.</summary>
    /// <exception cref="SolverUnavailableException">The engine's native library is not shipped for this platform.</exception>
    public static IMipSolver Create(SolverEngine engine) => Resolve(engine) switch
    {
        SolverEngine.Cbc => new PricingSolver(new CbcSolver()),
        SolverEngine.Highs => new PricingSolver(new HighsSolver()),
        // The faster exact way to use CP-SAT: as the pricing's inner solver it proves small's six levels in 2.3-2.4 s, on
        // the whole stage models in 6.6 s (same run), and on corps it proves in 0.5 s a level that takes it 104 s whole
        // (benchmarks/README.md, CP-SAT engine).
        SolverEngine.CpSat => new PricingSolver(new CpSatSolver()),
        var other => throw new ArgumentOutOfRangeException(nameof(engine), other, "not a solver engine"),
    };
}
