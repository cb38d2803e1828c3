using System.Reflection;
using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Cbc.Native;

/// <summary>
/// Finds the CBC C library. Debian's runtime package <c>coinor-libcbc3</c> ships only the versioned file
/// <c>libCbcSolver.so.3</c> (the unversioned name comes with the -dev package), so the default probing is not enough.
/// </summary>
internal static class CbcLibrary
{
    /// <summary>The library name used by every <see cref="LibraryImportAttribute"/> of <see cref="CbcApi"/>.</summary>
    public const string Name = "CbcSolver";

    private static readonly string[] Candidates = ["libCbcSolver.so.3", "libCbcSolver.so", "libCbcSolver"];
    private static readonly Lazy<IntPtr> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _resolverInstalled;

    /// <summary>Loads the library (once) or throws <see cref="SolverUnavailableException"/>.</summary>
    public static void EnsureLoaded()
    {
        // An assembly has a single resolver; install it before the first call into CbcApi.
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(CbcLibrary).Assembly, Resolve);
        _ = Handle.Value;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? Handle.Value : IntPtr.Zero;

    private static IntPtr Load()
    {
        var failures = new List<string>();
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, typeof(CbcLibrary).Assembly, null, out var handle))
                return handle;
            failures.Add(candidate);
        }
        throw new SolverUnavailableException(
            $"The COIN-OR CBC solver library could not be loaded (tried {string.Join(", ", failures)}). " +
            "Install the Debian package coinor-libcbc3: apt-get install coinor-libcbc3");
    }
}
