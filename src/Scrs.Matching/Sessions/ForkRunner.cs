using System.Diagnostics;
using Scrs.Matching.Planning;

namespace Scrs.Matching.Sessions;

/// <summary>Solves independent forks of a session side by side, each on a thread of its own.</summary>
/// <remarks>
/// A fork holds nothing but its problem, its options and the solve it was forked from, so the results are the same in any
/// order and at any width: only the time taken depends on it. Threads of their own, not the pool's: a fork takes up to
/// seconds, and on pool threads it would hold back timers and the worker host's requests.
/// </remarks>
internal static class ForkRunner
{
    /// <summary>One at a time per processor (each solve is one solver thread).</summary>
    public static int Width => Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// <see cref="Run{TItem, TResult}(IReadOnlyList{TItem}, Func{TItem, TResult}, int)"/>, reporting to <paramref name="progress"/>
    /// after each item how many of them are done (<c>3 of 40 changes solved</c>), as stage <paramref name="stage"/>, with
    /// the time on <paramref name="clock"/> (started with the work the items are part of).
    /// </summary>
    public static TResult[] Run<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> solve, int width,
        IProgress<PlanProgress>? progress, Stopwatch clock, string stage, string what)
    {
        if (progress is null) return Run(items, solve, width);
        var done = 0;
        return Run(items, item =>
        {
            var result = solve(item);
            progress.Report(new PlanProgress(stage, $"{Interlocked.Increment(ref done)} of {items.Count} {what}", clock.Elapsed));
            return result;
        }, width);
    }

    /// <summary>Runs <paramref name="solve"/> on every item, at most <paramref name="width"/> at once; the results in the items' order.</summary>
    /// <remarks>An exception of a solve stops the other threads before their next item, and is rethrown once they have stopped.</remarks>
    public static TResult[] Run<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> solve, int width)
    {
        var results = new TResult[items.Count];
        var next = -1;
        void Work()
        {
            try
            {
                for (int i; (i = Interlocked.Increment(ref next)) < items.Count;) results[i] = solve(items[i]);
            }
            catch
            {
                Volatile.Write(ref next, items.Count);
                throw;
            }
        }
        var threads = Enumerable.Range(0, Math.Clamp(width, 1, Math.Max(1, items.Count)))
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll(threads, CancellationToken.None);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
