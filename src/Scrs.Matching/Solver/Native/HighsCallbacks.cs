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
    private readonly CancellationToken _cancellation;
    private readonly Action<string>? _log;
    private GCHandle _self;
    private int _interrupted;

    private HighsCallbacks(HighsHandle highs, CancellationToken cancellation, Action<string>? log)
    {
        _cancellation = cancellation;
        _log = log;
        if (log is null && !cancellation.CanBeCanceled) return;
        _self = GCHandle.Alloc(this);
        HighsApi.SetCallback(highs, &OnCallback, GCHandle.ToIntPtr(_self));
        if (log is not null) HighsApi.StartCallback(highs, (int)HighsCallbackType.Logging);
        if (!cancellation.CanBeCanceled) return;
        HighsApi.StartCallback(highs, (int)HighsCallbackType.SimplexInterrupt);
        HighsApi.StartCallback(highs, (int)HighsCallbackType.IpmInterrupt);
        HighsApi.StartCallback(highs, (int)HighsCallbackType.MipInterrupt);
    }

    /// <summary>Whether the callback has asked HiGHS to stop.</summary>
    public bool Interrupted => Volatile.Read(ref _interrupted) != 0;

    /// <summary>Starts the callbacks that <paramref name="cancellation"/> and <paramref name="log"/> need (none when neither needs one).</summary>
    public static HighsCallbacks Attach(HighsHandle highs, CancellationToken cancellation, Action<string>? log) =>
        new(highs, cancellation, log);

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
            if (dataIn is not null && self._cancellation.IsCancellationRequested)
            {
                *dataIn = 1;
                Volatile.Write(ref self._interrupted, 1);
            }
        }
        catch (Exception)
        {
            // Never unwind into HiGHS; the time limit remains the backstop.
        }
    }
}
