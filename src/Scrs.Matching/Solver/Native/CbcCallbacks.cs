using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Scrs.Matching.Solver.Native;

/// <summary>
/// The managed side of one solve's native callbacks: cancellation through a cut generator, and the log through the
/// message handler. CBC's C API has no interrupt, so cancellation adds a cut no point satisfies; every node that
/// calls the generator then becomes infeasible and the branch and bound ends within a few nodes.
/// </summary>
/// <remarks>Nothing thrown in a callback may cross into native code: each one catches everything.</remarks>
internal sealed unsafe class CbcCallbacks : IDisposable
{
    // The message callback receives the Cbc_Model* but no user data: find the solve through the pointer.
    private static readonly ConcurrentDictionary<IntPtr, CbcCallbacks> ByModel = new();

    private readonly CancellationToken _cancellation;
    private readonly Action<string>? _log;
    private readonly IntPtr _model;
    private GCHandle _self;
    private int _cancelApplied;

    private CbcCallbacks(CbcModelHandle model, CancellationToken cancellation, Action<string>? log)
    {
        _cancellation = cancellation;
        _log = log;
        _model = model.DangerousGetHandle();
        _self = GCHandle.Alloc(this);
        if (log is not null)
        {
            ByModel[_model] = this;
            CbcApi.RegisterCallBack(model, &OnMessage);
        }
        // Always, even for a token that cannot be cancelled: a cut generator changes CBC's search (its cut loop runs it
        // at every node), so with it only for cancellable solves the same model and seed gave different rosters, and
        // different times, in the worker host (always cancellable) and on the command line (found by the simulation:
        // one replication took 1.8 s without the generator, 30 s with it).
        CbcApi.AddCutCallback(model, &OnCuts, "cancel", GCHandle.ToIntPtr(_self));
    }

    /// <summary>Whether the cancelling cut was added: from then on CBC's own bound and status are meaningless.</summary>
    public bool CancelApplied => Volatile.Read(ref _cancelApplied) != 0;

    /// <summary>Registers the callbacks that <paramref name="cancellation"/> and <paramref name="log"/> need.</summary>
    public static CbcCallbacks Attach(CbcModelHandle model, CancellationToken cancellation, Action<string>? log) =>
        new(model, cancellation, log);

    public void Dispose()
    {
        ByModel.TryRemove(_model, out _);
        if (_self.IsAllocated) _self.Free();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCuts(IntPtr osiSolver, IntPtr osiCuts, IntPtr appData)
    {
        try
        {
            if (GCHandle.FromIntPtr(appData).Target is CbcCallbacks self && self._cancellation.IsCancellationRequested)
            {
                AddInfeasibleCut(osiSolver, osiCuts);
                Volatile.Write(ref self._cancelApplied, 1);
            }
        }
        catch (Exception)
        {
            // Never unwind into CBC; the time limit remains the backstop.
        }
    }

    /// <summary>
    /// Adds <c>x_j &lt;= lower_j - 1</c> (or <c>x_j &gt;= upper_j + 1</c>) for the first column of the node's
    /// (possibly preprocessed) problem with a finite bound.
    /// </summary>
    private static void AddInfeasibleCut(IntPtr osiSolver, IntPtr osiCuts)
    {
        var columns = CbcApi.OsiGetNumCols(osiSolver);
        var lower = CbcApi.OsiGetColLower(osiSolver);
        var upper = CbcApi.OsiGetColUpper(osiSolver);
        for (var j = 0; j < columns; j++)
        {
            var coefficient = 1.0;
            if (double.IsFinite(lower[j]) && Math.Abs(lower[j]) < 1e20)
            {
                CbcApi.OsiCutsAddRowCut(osiCuts, 1, &j, &coefficient, (byte)'L', lower[j] - 1);
                return;
            }
            if (double.IsFinite(upper[j]) && Math.Abs(upper[j]) < 1e20)
            {
                CbcApi.OsiCutsAddRowCut(osiCuts, 1, &j, &coefficient, (byte)'G', upper[j] + 1);
                return;
            }
        }
    }

    /// <summary>
    /// The C API hands over a message's number and fields, not its formatted text (that still goes to stdout at the
    /// chosen log level), so the line is rebuilt from them.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(IntPtr model, int number, int doubleCount, double* doubles, int intCount, int* ints,
        int stringCount, byte** strings)
    {
        try
        {
            if (!ByModel.TryGetValue(model, out var self) || self._log is null) return;
            var line = new StringBuilder(number >= 1_000_000 ? $"Coin{number - 1_000_000:D4}" : $"Cbc{number:D4}");
            for (var i = 0; i < intCount; i++) line.Append(' ').Append(ints[i].ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < doubleCount; i++) line.Append(' ').Append(doubles[i].ToString("G9", CultureInfo.InvariantCulture));
            for (var i = 0; i < stringCount; i++) line.Append(' ').Append(Marshal.PtrToStringUTF8((IntPtr)strings[i]));
            self._log(line.ToString());
        }
        catch (Exception)
        {
            // A failing log sink must not unwind into CBC.
        }
    }
}
