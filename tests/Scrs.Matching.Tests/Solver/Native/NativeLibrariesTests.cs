using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Tests.Solver.Native;

public class NativeLibrariesTests
{
    /// <summary>Folders where Debian (and most Linux distributions) put system libraries.</summary>
    private static readonly string[] SystemFolders = ["/usr/lib/", "/lib/", "/usr/local/lib/", "/lib64/", "/usr/lib64/"];

    /// <summary>File-name stems of the COIN-OR libraries (CBC, Clp and what they link) and of HiGHS.</summary>
    private static readonly string[] SolverLibraries = ["libCbc", "libClp", "libCgl", "libOsi", "libCoinUtils", "libhighs", "libortools"];

    [Theory]
    [InlineData(SolverEngine.Cbc)]
    [InlineData(SolverEngine.Highs)]
    [InlineData(SolverEngine.CpSat)]
    [InlineData(SolverEngine.Auto)]
    public void After_a_solve_with_each_engine_the_process_maps_no_solver_library_from_the_system_folders(SolverEngine engine)
    {
        // /proc/self/maps is Linux's; the suite runs on Linux (CI), where this is checked.
        if (!OperatingSystem.IsLinux()) return;
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily("small") with { Seed = 5 });
        var roster = RosterPlanner.Plan(problem, new PlannerOptions { Engine = engine, TimeLimit = TimeSpan.FromSeconds(120) });
        Assert.Equal(RosterStatus.Optimal, roster.Status);

        var mapped = File.ReadAllLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].StartsWith('/'))
            .Select(fields => fields[5])
            .Distinct()
            .Where(path => SolverLibraries.Any(stem => Path.GetFileName(path).StartsWith(stem, StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, path => Assert.DoesNotContain(SystemFolders, folder => path.StartsWith(folder, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_package_ships_every_solver_library_of_this_platform()
    {
        Assert.True(NativeLibraries.IsAvailable(NativeLibraries.Highs));
        Assert.Equal(!OperatingSystem.IsWindows(), NativeLibraries.IsAvailable(NativeLibraries.Cbc));
    }
}
