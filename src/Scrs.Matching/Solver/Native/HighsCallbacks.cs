using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>
/// The managed side of one HiGHS instance's callback: log lines, and cancellation through HiGHS's user interrupt
/// (the first field of <c>HighsCallbackDataIn</c>, <c>user_interrupt</c>), which the simplex and the branch and
/// bound read after each interrupt callback.
/// </summary>
/// <remarks>
/// HiGHS keeps the user-data pointer until the instance is destroyed, so this object must outlive every run of the
/// instance (dispose it after the <see cref="HighsHandle"/>'s last run). Nothing thrown in the callback may cross
/// into native code: it catches everything.
/// </remarks>
internal sealed unsafe class HighsCallbacks : IDisposable
{
    private readonly Action<string>? _log;
    private GCHandle _self;

    private HighsCallbacks(HighsHandle highs, Action<string>? log, bool interruptible)
    {
        _log = log;
        if (log is null && !interruptible) return;
        _self = GCHandle.Alloc(this);
        HighsApi.SetCallback(highs, &OnCallback, GCHandle.ToIntPtr(_self));
        if (log is not null) HighsApi.StartCallback(highs, (int)HighsCallbackType.Logging);
        if (!interruptible) return;
        HighsApi.StartCallback(highs, (int)HighsCallbackType.SimplexInterrupt);
        HighsApi.StartCallback(highs, (int)HighsCallbackType.IpmInterrupt);
        HighsApi.StartCallback(highs, (int)HighsCallbackType.MipInterrupt);
    }

    /// <summary>The token the interrupt callbacks watch (set before each run).</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>
    /// Starts the callbacks that <paramref name="cancellation"/> and <paramref name="log"/> need for one run (none when
    /// neither needs one: a callback per simplex iteration is not free).
    /// </summary>
    public static HighsCallbacks Attach(HighsHandle highs, CancellationToken cancellation, Action<string>? log) =>
        new(highs, log, cancellation.CanBeCanceled) { Cancellation = cancellation };

    /// <summary>Starts the interrupt callbacks for runs whose tokens are set later, through <see cref="Cancellation"/>.</summary>
    public static HighsCallbacks AttachInterruptible(HighsHandle highs) => new(highs, log: null, interruptible: true);

    public void Dispose()
    {
        if (_self.IsAllocated) _self.Free();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCallback(int type, byte* message, IntPtr dataOut, int* dataIn, IntPtr userData)
    {
        try
        {
            if (GCHandle.FromIntPtr(userData).Target is not HighsCallbacks self) return;
            if (type == (int)HighsCallbackType.Logging)
            {
                if (self._log is not null && message is not null)
                    self._log(Marshal.PtrToStringUTF8((IntPtr)message)!.Trim('\n'));
                return;
            }
            // HiGHS does not clear the flag between runs of an instance: an interrupted run would stop the next one too.
            if (dataIn is not null) *dataIn = self.Cancellation.IsCancellationRequested ? 1 : 0;
        }
        catch (Exception)
        {
            // Never unwind into HiGHS; the time limit remains the backstop.
        }
    }
}
