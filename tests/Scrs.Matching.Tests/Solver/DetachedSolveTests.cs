using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

/// <summary>A cancelled restricted search returns without a solver that does not stop (HiGHS's presolve polls no interrupt).</summary>
public class DetachedSolveTests
{
    private static readonly LinearModel Model = new("one column");

    [Fact]
    public void A_cancelled_solve_that_does_not_stop_is_left_behind_and_answers_cancelled_without_a_solution()
    {
        using var release = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var solver = new Stubborn(release, () => cancel.Cancel());
        try
        {
            var answer = DetachedSolve.Solve(solver, Model, new MipOptions(), cancel.Token);
            // The solver is still blocked, so the answer cannot be its own.
            Assert.False(release.IsSet);
            Assert.Equal(MipStatus.Cancelled, answer.Status);
            Assert.False(answer.HasSolution);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void A_solver_that_stops_on_the_cancel_gives_its_own_answer()
    {
        using var cancel = new CancellationTokenSource();
        var answer = DetachedSolve.Solve(new Obedient(() => cancel.Cancel()), Model, new MipOptions(), cancel.Token);
        Assert.Equal(MipStatus.Cancelled, answer.Status);
        Assert.Equal(7, answer.Nodes);
    }

    [Fact]
    public void A_solve_that_cannot_be_cancelled_runs_on_the_callers_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var answer = DetachedSolve.Solve(new Obedient(() => Assert.Equal(caller, Environment.CurrentManagedThreadId)), Model, new MipOptions(), CancellationToken.None);
        Assert.Equal(7, answer.Nodes);
    }

    /// <summary>Cancels, then ignores the token until released.</summary>
    private sealed class Stubborn(ManualResetEventSlim release, Action started) : IMipSolver
    {
        public string Name => "stubborn";

        public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken)
        {
            started();
            release.Wait();
            return new MipSolution(MipStatus.Optimal, [], 0, 0, TimeSpan.Zero, 0);
        }
    }

    /// <summary>Runs <c>started</c>, then returns at once, cancelled when the token is, with 7 nodes to tell its answer.</summary>
    private sealed class Obedient(Action started) : IMipSolver
    {
        public string Name => "obedient";

        public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken)
        {
            started();
            return new MipSolution(cancellationToken.IsCancellationRequested ? MipStatus.Cancelled : MipStatus.Optimal, null, double.NaN, double.NaN, TimeSpan.Zero, 7);
        }
    }
}
