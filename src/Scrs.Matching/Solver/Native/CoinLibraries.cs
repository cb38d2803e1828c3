using System.Reflection;
using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>
/// Finds the COIN-OR libraries the solvers call. Debian's runtime packages ship only versioned files
/// (<c>libCbcSolver.so.3</c>, <c>libClp.so.1</c>; the unversioned names come with the -dev packages), so the default
/// probing is not enough. An assembly has a single import resolver, so this one serves every COIN-OR library.
/// </summary>
internal static class CoinLibraries
{
    /// <summary>The name every <see cref="LibraryImportAttribute"/> of the CBC C API uses.</summary>
    public const string Cbc = "CbcSolver";

    /// <summary>The name every <see cref="LibraryImportAttribute"/> of the Clp C API uses.</summary>
    public const string Clp = "Clp";

    private sealed record Library(string Name, string[] Files, string Description, string Package)
    {
        public readonly Lazy<IntPtr> Handle = new(() => Load(Files, Description, Package), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static readonly Library[] Known =
    [
        new(Cbc, ["libCbcSolver.so.3", "libCbcSolver.so", "libCbcSolver"], "COIN-OR CBC solver", "coinor-libcbc3"),
        // Clp is CBC's own LP engine: coinor-libcbc3 depends on coinor-libclp1, so both are present together.
        new(Clp, ["libClp.so.1", "libClp.so", "libClp"], "COIN-OR Clp LP solver", "coinor-libclp1"),
    ];

    private static int _resolverInstalled;

    /// <summary>Loads the library named <paramref name="name"/> (once) or throws <see cref="SolverUnavailableException"/>.</summary>
    public static void EnsureLoaded(string name)
    {
        // Install the resolver before the first call into any LibraryImport of this assembly.
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(CoinLibraries).Assembly, Resolve);
        _ = Find(name)!.Handle.Value;
    }

    private static Library? Find(string name) => Array.Find(Known, l => l.Name == name);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        Find(libraryName)?.Handle.Value ?? IntPtr.Zero;

    private static IntPtr Load(string[] files, string description, string package)
    {
        foreach (var file in files)
        {
            if (NativeLibrary.TryLoad(file, typeof(CoinLibraries).Assembly, null, out var handle)) return handle;
        }
        throw new SolverUnavailableException(
            $"The {description} library could not be loaded (tried {string.Join(", ", files)}). " +
            $"Install the Debian package {package}: apt-get install {package}");
    }
}
