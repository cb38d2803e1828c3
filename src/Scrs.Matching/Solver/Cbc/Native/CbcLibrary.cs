using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Solver.Cbc.Native;

/// <summary>The CBC C library, found by <see cref="CoinLibraries"/> (Debian package <c>coinor-libcbc3</c>).</summary>
internal static class CbcLibrary
{
    /// <summary>The library name used by every <see cref="System.Runtime.InteropServices.LibraryImportAttribute"/> of <see cref="CbcApi"/>.</summary>
    public const string Name = CoinLibraries.Cbc;

    /// <summary>Loads the library (once) or throws <see cref="SolverUnavailableException"/>.</summary>
    public static void EnsureLoaded() => CoinLibraries.EnsureLoaded(Name);
}
