using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>
/// The part of Clp 1.17's C API (<c>Clp_C_Interface.h</c>, Clp 1.17.10 as the Google.OrTools runtime packages ship it) that LP pricing uses.
/// <c>CoinBigIndex</c> is <c>int</c> in this build.
/// </summary>
internal static unsafe partial class ClpApi
{
    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_newModel")]
    public static partial ClpModelHandle NewModel();

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_deleteModel")]
    public static partial void DeleteModel(IntPtr model);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_loadProblem")]
    public static partial void LoadProblem(ClpModelHandle model, int numCols, int numRows,
        int* start, int* index, double* value, double* colLower, double* colUpper, double* objective,
        double* rowLower, double* rowUpper);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_addColumns")]
    public static partial void AddColumns(ClpModelHandle model, int number, double* columnLower, double* columnUpper,
        double* objective, int* columnStarts, int* rows, double* elements);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_setLogLevel")]
    public static partial void SetLogLevel(ClpModelHandle model, int value);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_setMaximumSeconds")]
    public static partial void SetMaximumSeconds(ClpModelHandle model, double value);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_dual")]
    public static partial int Dual(ClpModelHandle model, int ifValuesPass);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_primal")]
    public static partial int Primal(ClpModelHandle model, int ifValuesPass);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_status")]
    public static partial int Status(ClpModelHandle model);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_objectiveValue")]
    public static partial double ObjectiveValue(ClpModelHandle model);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_numberColumns")]
    public static partial int NumberColumns(ClpModelHandle model);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_numberRows")]
    public static partial int NumberRows(ClpModelHandle model);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_getRowPrice")]
    public static partial double* GetRowPrice(ClpModelHandle model);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_getReducedCost")]
    public static partial double* GetReducedCost(ClpModelHandle model);

    [LibraryImport(NativeLibraries.Clp, EntryPoint = "Clp_getColSolution")]
    public static partial double* GetColSolution(ClpModelHandle model);
}
