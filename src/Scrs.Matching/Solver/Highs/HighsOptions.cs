using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Solver.Highs;

/// <summary>The options every HiGHS instance of this project gets, and the check of each call that sets one.</summary>
internal static class HighsOptions
{
    /// <summary>
    /// Threads, and the log: on only when a sink takes it, and then through the logging callback only.
    /// </summary>
    public static void Set(HighsHandle highs, int threads, bool log)
    {
        // HiGHS drops every log line unless it has a console or a file to write to; with the logging callback started
        // it hands each line to the callback instead of writing it, so "console" here means the callback.
        Check(HighsApi.SetBoolOptionValue(highs, "output_flag", log ? 1 : 0), "output_flag");
        Check(HighsApi.SetBoolOptionValue(highs, "log_to_console", log ? 1 : 0), "log_to_console");
        Check(HighsApi.SetIntOptionValue(highs, "threads", threads), "threads");
    }

    /// <summary>
    /// Sets the limit of the next run (none for <see langword="null"/>); HiGHS measures it on the instance's clock,
    /// which counts every run since the instance was created, so the clock is zeroed here.
    /// </summary>
    public static void SetTimeLimit(HighsHandle highs, TimeSpan? limit)
    {
        HighsApi.ZeroAllClocks(highs);
        Check(HighsApi.SetDoubleOptionValue(highs, "time_limit", limit?.TotalSeconds ?? double.PositiveInfinity), "time_limit");
    }

    /// <summary>A call that HiGHS rejects is a bug here (a misspelt option, a value out of range), not an outcome.</summary>
    /// <exception cref="InvalidOperationException">HiGHS returned <c>kHighsStatusError</c>.</exception>
    public static void Check(int status, string what)
    {
        if (status == HighsApi.StatusError) throw new InvalidOperationException($"HiGHS rejected {what}.");
    }
}
