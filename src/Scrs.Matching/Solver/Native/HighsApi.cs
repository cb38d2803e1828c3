using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>
/// The part of HiGHS 1.12's C API (<c>highs_c_api.h</c>, HiGHS 1.12.0 as the Google.OrTools runtime packages ship it)
/// that the HiGHS backend uses. <c>HighsInt</c> is <c>int</c> in this build (<see cref="GetSizeofHighsInt"/> says 4);
/// every function that returns a <c>kHighsStatus</c> returns -1 for an error, 0 for ok and 1 for a warning.
/// </summary>
/// <remarks>
/// <c>Highs_destroy</c> of this build also shuts down the calling thread's task scheduler (HiGHS keeps one per
/// thread that runs a solve), so an instance is created, run and destroyed on one thread, never by a finalizer.
/// </remarks>
internal static unsafe partial class HighsApi
{
    /// <summary><c>kHighsStatusError</c>.</summary>
    public const int StatusError = -1;

    /// <summary><c>kHighsMatrixFormatColwise</c>.</summary>
    public const int ColumnWise = 1;

    /// <summary><c>kHighsObjSenseMinimize</c>; <c>kHighsObjSenseMaximize</c> is its negation.</summary>
    public const int Minimize = 1;

    /// <summary><c>kHighsVarTypeContinuous</c> and <c>kHighsVarTypeInteger</c>.</summary>
    public const int Continuous = 0, Integer = 1;

    /// <summary><c>kHighsSolutionStatusFeasible</c>: the value of the <c>primal_solution_status</c> info when a point satisfies the model.</summary>
    public const int SolutionFeasible = 2;

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_create")]
    public static partial HighsHandle Create();

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_destroy")]
    public static partial void Destroy(IntPtr highs);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_version")]
    public static partial IntPtr Version();

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getSizeofHighsInt")]
    public static partial int GetSizeofHighsInt(HighsHandle highs);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_passLp")]
    public static partial int PassLp(HighsHandle highs, int numCol, int numRow, int numNz, int aFormat, int sense,
        double offset, double* colCost, double* colLower, double* colUpper, double* rowLower, double* rowUpper,
        int* aStart, int* aIndex, double* aValue);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_passMip")]
    public static partial int PassMip(HighsHandle highs, int numCol, int numRow, int numNz, int aFormat, int sense,
        double offset, double* colCost, double* colLower, double* colUpper, double* rowLower, double* rowUpper,
        int* aStart, int* aIndex, double* aValue, int* integrality);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_addCols")]
    public static partial int AddCols(HighsHandle highs, int numNewCol, double* costs, double* lower, double* upper,
        int numNewNz, int* starts, int* indices, double* values);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_changeColBounds")]
    public static partial int ChangeColBounds(HighsHandle highs, int column, double lower, double upper);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_addRows")]
    public static partial int AddRows(HighsHandle highs, int numNewRow, double* lower, double* upper,
        int numNewNz, int* starts, int* indices, double* values);

    /// <summary>
    /// Deletes the columns whose <paramref name="mask"/> entry is 1; on return each kept column's entry is its new index and
    /// each deleted one's -1. Deleting only nonbasic columns keeps the basis.
    /// </summary>
    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_deleteColsByMask")]
    public static partial int DeleteColsByMask(HighsHandle highs, int* mask);

    /// <summary>The basic variable of each basis position: a column index, or <c>-1 - row</c> for a row's logical.</summary>
    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getBasicVariables")]
    public static partial int GetBasicVariables(HighsHandle highs, int* basicVariables);

    /// <summary>Row <paramref name="row"/> of the basis inverse, dense (the two index arguments may be null).</summary>
    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getBasisInverseRow")]
    public static partial int GetBasisInverseRow(HighsHandle highs, int row, double* rowVector, int* rowNumNz, int* rowIndex);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_setBoolOptionValue", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetBoolOptionValue(HighsHandle highs, string option, int value);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_setIntOptionValue", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetIntOptionValue(HighsHandle highs, string option, int value);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_setDoubleOptionValue", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetDoubleOptionValue(HighsHandle highs, string option, double value);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_setSolution")]
    public static partial int SetSolution(HighsHandle highs, double* colValue, double* rowValue, double* colDual, double* rowDual);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_setCallback")]
    public static partial int SetCallback(HighsHandle highs,
        delegate* unmanaged[Cdecl]<int, byte*, IntPtr, int*, IntPtr, void> callback, IntPtr userData);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_startCallback")]
    public static partial int StartCallback(HighsHandle highs, int callbackType);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_zeroAllClocks")]
    public static partial int ZeroAllClocks(HighsHandle highs);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_run")]
    public static partial int Run(HighsHandle highs);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getModelStatus")]
    public static partial int GetModelStatus(HighsHandle highs);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getObjectiveValue")]
    public static partial double GetObjectiveValue(HighsHandle highs);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getSolution")]
    public static partial int GetSolution(HighsHandle highs, double* colValue, double* colDual, double* rowValue, double* rowDual);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getIntInfoValue", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetIntInfoValue(HighsHandle highs, string info, out int value);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getInt64InfoValue", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetInt64InfoValue(HighsHandle highs, string info, out long value);

    [LibraryImport(NativeLibraries.Highs, EntryPoint = "Highs_getDoubleInfoValue", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetDoubleInfoValue(HighsHandle highs, string info, out double value);
}

/// <summary>The <c>kHighsModelStatus</c> values this project reads.</summary>
internal enum HighsModelStatus
{
    /// <summary>A model with no columns.</summary>
    ModelEmpty = 6,
    Optimal = 7,
    Infeasible = 8,
    /// <summary>A MIP stopped at an incumbent better than <c>objective_target</c>.</summary>
    ObjectiveTarget = 12,
    TimeLimit = 13,
    /// <summary>Stopped by a callback's <c>user_interrupt</c>.</summary>
    Interrupt = 17,
}

/// <summary>The <c>kHighsCallback</c> types this project starts.</summary>
internal enum HighsCallbackType
{
    /// <summary>Every log line, formatted, as the message argument.</summary>
    Logging = 0,
    /// <summary>Called during simplex iterations; may interrupt.</summary>
    SimplexInterrupt = 1,
    /// <summary>Called during interior-point iterations; may interrupt.</summary>
    IpmInterrupt = 2,
    /// <summary>Called during the branch and bound; may interrupt.</summary>
    MipInterrupt = 6,
}
