using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>
/// The part of CBC 2.10's C API (<c>Cbc_C_Interface.h</c>, CBC 2.10.12 as the Google.OrTools runtime packages ship it) that the solver uses.
/// <c>CoinBigIndex</c> is <c>int</c> in this build; callbacks use the C calling convention.
/// </summary>
internal static unsafe partial class CbcApi
{
    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_newModel")]
    public static partial CbcModelHandle NewModel();

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_deleteModel")]
    public static partial void DeleteModel(IntPtr model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_getVersion")]
    public static partial IntPtr GetVersion();

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_loadProblem")]
    public static partial void LoadProblem(CbcModelHandle model, int numCols, int numRows,
        int* start, int* index, double* value, double* colLower, double* colUpper, double* objective,
        double* rowLower, double* rowUpper);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_setInteger")]
    public static partial void SetInteger(CbcModelHandle model, int column);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_setObjSense")]
    public static partial void SetObjSense(CbcModelHandle model, double sense);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_setParameter", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SetParameter(CbcModelHandle model, string name, string value);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_setMIPStartI")]
    public static partial void SetMipStartI(CbcModelHandle model, int count, int* columns, double* values);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_registerCallBack")]
    public static partial void RegisterCallBack(CbcModelHandle model,
        delegate* unmanaged[Cdecl]<IntPtr, int, int, double*, int, int*, int, byte**, void> callback);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_addCutCallback", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void AddCutCallback(CbcModelHandle model,
        delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void> callback, string name, IntPtr appData);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_solve")]
    public static partial int Solve(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_status")]
    public static partial int Status(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_secondaryStatus")]
    public static partial int SecondaryStatus(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_isProvenOptimal")]
    public static partial int IsProvenOptimal(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_isProvenInfeasible")]
    public static partial int IsProvenInfeasible(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_isSecondsLimitReached")]
    public static partial int IsSecondsLimitReached(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_isAbandoned")]
    public static partial int IsAbandoned(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_getObjValue")]
    public static partial double GetObjValue(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_getBestPossibleObjValue")]
    public static partial double GetBestPossibleObjValue(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_getNodeCount")]
    public static partial int GetNodeCount(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_bestSolution")]
    public static partial double* BestSolution(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_numberSavedSolutions")]
    public static partial int NumberSavedSolutions(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Cbc_getColSolution")]
    public static partial double* GetColSolution(CbcModelHandle model);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Osi_getNumCols")]
    public static partial int OsiGetNumCols(IntPtr osi);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Osi_getColLower")]
    public static partial double* OsiGetColLower(IntPtr osi);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "Osi_getColUpper")]
    public static partial double* OsiGetColUpper(IntPtr osi);

    [LibraryImport(NativeLibraries.Cbc, EntryPoint = "OsiCuts_addRowCut")]
    public static partial void OsiCutsAddRowCut(IntPtr osiCuts, int nz, int* index, double* coefficient, byte sense, double rhs);
}
