using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

/// <summary>Checks of a backend's answer that every solver's tests share, made independently of the solver.</summary>
internal static class SolutionAssert
{
    /// <summary>What every returned solution must satisfy: the model's own check, and the objective it reports.</summary>
    public static void AssertFeasible(LinearModel model, MipSolution solution)
    {
        Assert.NotNull(solution.Values);
        Assert.NotNull(SolutionCheck.Accept(model, solution.Values, out var violation));
        Assert.Null(violation);
        Assert.Equal(model.Evaluate(solution.Values), solution.Objective, 9);
    }

    /// <summary>The solve proved <paramref name="objective"/> optimal (bound included) at <paramref name="values"/>.</summary>
    public static void AssertProven(MipSolution solution, double objective, double[] values)
    {
        Assert.Equal(MipStatus.Optimal, solution.Status);
        Assert.Equal(objective, solution.Objective, 9);
        Assert.Equal(objective, solution.Bound, 9);
        Assert.Equal(values, solution.Values!);
    }
}
