using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Highs;
using Scrs.Matching.Solver.Pricing;

namespace Scrs.Matching.Tests.Solver;

/// <summary>
/// Independent HiGHS solves on parallel threads, each answer compared with the sequential answer for the same model,
/// so that shared state inside HiGHS (its per-thread schedulers, which <c>Highs_destroy</c> shuts down) would show as a
/// wrong answer, not only as a crash.
/// </summary>
public class HighsThreadSafetyTests
{
    private static readonly string[] Instances =
        ["cattrysse1994/gap1-0", "cattrysse1994/gap5-4", "cattrysse1994/gap6-1", "cattrysse1994/gap8-0"];

    /// <summary>A MIP solve's values and the pricing LP's objective and duals over the model's LP relaxation.</summary>
    private sealed record Answer(MipStatus Status, double[]? Values, double LpObjective, double[] Duals);

    private static Answer Solve(LinearModel model, int threads)
    {
        var mip = new HighsSolver().Solve(model, new MipOptions(Threads: threads), CancellationToken.None);
        var pricing = new DualPricing(model);
        using var lp = new HighsRestrictedLinearProgram(model, pricing.Matrix, pricing.Cost,
            Enumerable.Range(0, model.ColumnCount).ToArray(), threads);
        var status = lp.Solve(TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(LpStatus.Optimal, status);
        var duals = new double[model.RowCount];
        lp.CopyRowDuals(duals);
        return new Answer(mip.Status, mip.Values, lp.Objective, duals);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Parallel_solves_give_exactly_the_sequential_answers(int threads)
    {
        var models = Instances.Select(path => SolverTestData.Gap(path).ToModel(path)).ToArray();
        var sequential = models.Select(m => Solve(m, threads)).ToArray();
        Assert.All(sequential, a => Assert.Equal(MipStatus.Optimal, a.Status));

        // Plain threads, not the pool: every one starts at once, and each has its own HiGHS scheduler.
        const int Workers = 4, Rounds = 2;
        var answers = new Answer[Workers, Rounds * models.Length];
        var errors = new List<Exception>();
        var workers = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            try
            {
                for (var k = 0; k < Rounds * models.Length; k++) answers[w, k] = Solve(models[(k + w) % models.Length], threads);
            }
            catch (Exception e)
            {
                lock (errors) errors.Add(e);
            }
        })).ToArray();
        foreach (var t in workers) t.Start();
        foreach (var t in workers) t.Join();
        Assert.Empty(errors);

        for (var w = 0; w < Workers; w++)
        {
            for (var k = 0; k < Rounds * models.Length; k++)
            {
                var expected = sequential[(k + w) % models.Length];
                var actual = answers[w, k];
                Assert.Equal(expected.Status, actual.Status);
                Assert.Equal(expected.Values, actual.Values);
                Assert.Equal(expected.LpObjective, actual.LpObjective);
                Assert.Equal(expected.Duals, actual.Duals);
            }
        }
    }
}
