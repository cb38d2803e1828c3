using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>Owns one native <c>Cbc_Model*</c>; released with <c>Cbc_deleteModel</c>.</summary>
internal sealed class CbcModelHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        CbcApi.DeleteModel(handle);
        return true;
    }
}

/// <summary>Owns one native <c>Highs*</c> instance; released with <c>Highs_destroy</c>.</summary>
/// <remarks>Dispose it on the thread that ran it (see <see cref="HighsApi"/>): a finalizer would shut down the wrong thread's scheduler.</remarks>
internal sealed class HighsHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        HighsApi.Destroy(handle);
        return true;
    }
}
