namespace Scrs.Matching.Host;

/// <summary>
/// The files a command writes, each checked before the work starts, so that a path that cannot be written fails in a
/// second rather than after a long solve. Files it had to create are removed again unless the command succeeds
/// (<see cref="Keep"/>), so a failed run leaves no stray empty file. A regular file is replaced whole (<see cref="Write"/>).
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly Dictionary<string, string> _optionOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _regular = new(StringComparer.Ordinal);
    private readonly List<string> _created = [];
    private bool _kept;

    /// <summary>Checks that <paramref name="path"/>, given to <paramref name="option"/>, can be written, and returns its full path.</summary>
    /// <remarks>
    /// It must not be a folder, its folder must exist, it must open for writing, and one byte must go to the disk: a
    /// zero-byte write never reaches the device, so one byte is written past the end and cut off again. That finds a full
    /// disk (or <c>/dev/full</c>) now and leaves the file's content as it was.
    /// </remarks>
    /// <exception cref="FileException">The path cannot be written (the message names the option and says why), or an earlier option names it too.</exception>
    public string Reserve(string option, string path)
    {
        // Only an empty path or one with a NUL character is not a path at all on Unix.
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal)) throw Unwritable(option, path, "that is not a file name");
        var full = Path.GetFullPath(path);
        if (_optionOf.TryGetValue(full, out var other)) throw new FileException($"options {other} and {option} name the same file {path}", []);
        if (Directory.Exists(full)) throw Unwritable(option, path, "it is a folder");
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
            throw Unwritable(option, path, $"folder {folder} does not exist");
        var existed = File.Exists(full);
        try
        {
            using var stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
            if (!existed) _created.Add(full);
            if (stream.CanSeek && Probe(stream) && File.ResolveLinkTarget(full, returnFinalTarget: false) is null && FolderTakesFiles(full)) _regular.Add(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(option, path, e.Message);
        }
        _optionOf.Add(full, option);
        return full;
    }

    /// <summary>Writes <paramref name="text"/> to a path reserved with <see cref="Reserve"/>.</summary>
    /// <remarks>
    /// A regular file gets a temporary file of the same folder, flushed to the disk and then moved over it, so that a
    /// process killed while writing leaves the file whole: as it was, or with all of <paramref name="text"/>. A device,
    /// a pipe, a symbolic link, or a file in a folder that takes no new file is written in place (a move would replace
    /// the device or the link).
    /// </remarks>
    /// <exception cref="FileException">The write failed (the disk filled up during the solve, say).</exception>
    public void Write(string fullPath, string text)
    {
        var temporary = _regular.Contains(fullPath) ? Beside(fullPath) : null;
        try
        {
            if (temporary is null) File.WriteAllText(fullPath, text);
            else Replace(fullPath, temporary, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (temporary is not null) File.Delete(temporary);
            throw Unwritable(_optionOf[fullPath], fullPath, e.Message);
        }
    }

    /// <summary>The command succeeded: keep what it wrote.</summary>
    public void Keep() => _kept = true;

    /// <summary>Removes the files this command created unless <see cref="Keep"/> was called.</summary>
    public void Dispose()
    {
        if (_kept) return;
        foreach (var file in _created)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the error that made the run fail is the one to report.
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="temporary"/>, to the disk, and moves it over <paramref name="path"/>, keeping its permissions.</summary>
    private static void Replace(string path, string temporary, string text)
    {
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(text);
            stream.Flush(flushToDisk: true);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A new name for a temporary file in the folder of <paramref name="path"/>.</summary>
    private static string Beside(string path) => Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");

    /// <summary>Whether a temporary file can be created beside <paramref name="path"/> (a writable file may be in a folder that is not).</summary>
    private static bool FolderTakesFiles(string path)
    {
        try
        {
            File.Create(Beside(path), 1, FileOptions.DeleteOnClose).Dispose();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes a byte past the end and cuts it off again; returns whether the file held it (a regular file, not a device).</summary>
    private static bool Probe(FileStream stream)
    {
        var length = stream.Length;
        stream.Seek(length, SeekOrigin.Begin);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
        var held = RandomAccess.GetLength(stream.SafeFileHandle) == length + 1;
        try
        {
            stream.SetLength(length);
        }
        catch (IOException) when (length == 0)
        {
            // A device such as /dev/null cannot be truncated; a newline written to it is harmless.
        }
        return held;
    }

    private static FileException Unwritable(string option, string path, string reason) => new($"cannot write {option} {path}: {reason}", []);
}
