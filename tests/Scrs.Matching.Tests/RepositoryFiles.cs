namespace Scrs.Matching.Tests;

/// <summary>Files of the repository the tests read: the shipped benchmark data and the documentation's examples.</summary>
internal static class RepositoryFiles
{
    /// <summary>The full path of <paramref name="relativePath"/> from the repository root (the folder of <c>Scrs.Matching.sln</c>).</summary>
    public static string PathOf(string relativePath)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scrs.Matching.sln")))
            directory = directory.Parent;
        Assert.True(directory is not null, $"No Scrs.Matching.sln above {AppContext.BaseDirectory}: cannot find the repository root.");
        return Path.Combine(directory!.FullName, relativePath);
    }
}
