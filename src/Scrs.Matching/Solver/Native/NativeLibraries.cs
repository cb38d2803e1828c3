using System.Reflection;
using System.Runtime.InteropServices;

namespace Scrs.Matching.Solver.Native;

/// <summary>
/// Finds the native solver libraries that the Google.OrTools runtime packages ship (<c>runtimes/{rid}/native/</c>):
/// COIN-OR CBC (with Clp and the other COIN-OR libraries it links, found beside it through its RUNPATH) and HiGHS.
/// They are loaded by full path from the application's native folders only, never
/// by a bare name: Debian's <c>libClp.so.1</c> has the same soname as the bundle's, and a process must not load both
/// (the bundle's CBC would bind to whichever came first). An assembly has a single import resolver, so this one
/// serves every native library of this assembly.
/// </summary>
/// <remarks>
/// Platforms: linux-x64, linux-arm64, osx-x64 and osx-arm64 get CBC and HiGHS; win-x64 gets HiGHS only (its
/// package ships no separate CBC). CP-SAT comes through OR-Tools' own managed wrapper on every platform.
/// </remarks>
internal static class NativeLibraries
{
    /// <summary>The name every <see cref="LibraryImportAttribute"/> of the CBC C API uses.</summary>
    public const string Cbc = "CbcSolver";

    /// <summary>The name every <see cref="LibraryImportAttribute"/> of the HiGHS C API uses.</summary>
    public const string Highs = "highs";

    private const string Package = "Google.OrTools.runtime";

    private sealed record Library(string Name, string Description, string? Linux, string? MacOs, string? Windows)
    {
        public readonly Lazy<IntPtr> Handle = new(() => Load(Name), LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The file this platform's runtime package ships, or <see langword="null"/> when it ships none.</summary>
        public string? File =>
            OperatingSystem.IsWindows() ? Windows : OperatingSystem.IsMacOS() ? MacOs : Linux;
    }

    private static readonly Library[] Known =
    [
        new(Cbc, "COIN-OR CBC solver", "libCbcSolver.so.2", "libCbcSolver.2.dylib", null),
        new(Highs, "HiGHS solver", "libhighs.so.1", "libhighs.1.dylib", "highs.dll"),
    ];

    private static int _resolverInstalled;

    /// <summary>Loads the library named <paramref name="name"/> (once) or throws <see cref="SolverUnavailableException"/>.</summary>
    public static void EnsureLoaded(string name)
    {
        // Install the resolver before the first call into any LibraryImport of this assembly.
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
        _ = Find(name)!.Handle.Value;
    }

    /// <summary>Whether this platform's runtime package ships the library named <paramref name="name"/>, and it loads.</summary>
    public static bool IsAvailable(string name)
    {
        try
        {
            EnsureLoaded(name);
            return true;
        }
        catch (SolverUnavailableException)
        {
            return false;
        }
    }

    private static Library? Find(string name) => Array.Find(Known, l => l.Name == name);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        Find(libraryName)?.Handle.Value ?? IntPtr.Zero;

    private static IntPtr Load(string name)
    {
        var library = Find(name)!;
        var rid = RuntimeInformation.RuntimeIdentifier;
        if (library.File is not { } file)
        {
            throw new SolverUnavailableException(
                $"The {library.Description} is not shipped for {rid} by the {Package} packages; choose another engine (highs or cpsat).");
        }
        var tried = new List<string>();
        foreach (var folder in NativeFolders())
        {
            var path = Path.Combine(folder, file);
            tried.Add(path);
            if (System.IO.File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
        }
        throw new SolverUnavailableException(
            $"The {library.Description} library {file} could not be loaded from the {Package}.{rid} package " +
            $"(looked in {string.Join(", ", tried.Select(Path.GetDirectoryName).Distinct())}). " +
            $"Restore the Google.OrTools package for this runtime (dotnet restore) so that {file} is beside the application.");
    }

    /// <summary>
    /// The application's native folders: those the host read from the deps.json (the package's
    /// <c>runtimes/{rid}/native/</c> folders), then the conventional folders beside the application and this assembly.
    /// </summary>
    private static IEnumerable<string> NativeFolders()
    {
        var listed = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "";
        var bases = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(NativeLibraries).Assembly.Location) ?? "" };
        var rids = new[] { RuntimeInformation.RuntimeIdentifier, PortableRid() };
        return listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(bases.SelectMany(b => rids.Select(r => Path.Combine(b, "runtimes", r, "native")).Append(b)))
            .Where(f => f.Length > 0)
            .Distinct();
    }

    /// <summary>The portable runtime identifier the packages use (<c>linux-x64</c>, <c>osx-arm64</c>, <c>win-x64</c>).</summary>
    private static string PortableRid()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
    }
}
