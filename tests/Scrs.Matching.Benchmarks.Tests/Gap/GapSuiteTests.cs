using Scrs.Matching.Benchmarks.Gap;

namespace Scrs.Matching.Benchmarks.Tests.Gap;

public class GapSuiteTests
{
    private static string Folder() =>
        GapSuite.FindFolder(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No benchmarks/gap above {AppContext.BaseDirectory}: the repository's GAP data is missing.");

    [Fact]
    public void Gap_file_is_solved_to_its_known_optimum_through_the_library_backend()
    {
        var file = Path.Combine(Folder(), "cattrysse1994", "gap1-0");

        var report = GapSuite.Run([file], TimeSpan.FromSeconds(10), TextWriter.Null);

        var run = Assert.Single(report.Runs);
        Assert.Null(run.Failure);
        Assert.Equal("cattrysse1994/gap1-0", run.Instance);
        Assert.True(run.ProvenOptimal);
        Assert.Equal(261, run.Known!.Optimum);
        Assert.Equal(261, run.Value);
        Assert.Equal(("cattrysse1994", 1, 1), Assert.Single(report.BySet()));
    }

    [Fact]
    public void Gap_answer_that_contradicts_a_known_optimum_is_a_failure()
    {
        var file = Path.Combine(Folder(), "cattrysse1994", "gap1-0");

        var run = GapSuite.Solve("gap1-0", new GapKnown("cattrysse1994", 260, 260, 260), file, TimeSpan.FromSeconds(10));

        Assert.Equal("proven optimum 261 but the known optimum is 260", run.Failure);
    }

    [Fact]
    public void Gap_folder_expands_to_instance_files_without_readme_or_data()
    {
        var files = GapSuite.Expand([Folder()]);

        Assert.Equal(84, files.Length);
        Assert.DoesNotContain(files, f => Path.GetFileName(f) is GapSuite.DataFile or "README.md");
        Assert.Throws<FileNotFoundException>(() => GapSuite.Expand([Path.Combine(Folder(), "no-such-instance")]));
    }
}
