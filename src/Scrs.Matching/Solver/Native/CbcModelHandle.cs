using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>Owns one native <c>Cbc_Model*</c>; released with <c>Cbc_deleteModel</c>.</summary>
internal sealed class CbcModelHandle : SafeHandle
{
    public CbcModelHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        CbcApi.DeleteModel(handle);
        return true;
    }
}
