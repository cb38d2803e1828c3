namespace Scrs.Matching.Host;

/// <summary>
/// The files a command writes, each checked before the work starts, so that a path that cannot be written fails in a
/// second rather than after a long solve. Files it had to create are removed again unless the command succeeds
/// (<see cref="Keep"/>), so a failed run leaves no stray empty file.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly Dictionary<string, string> _optionOf = new(StringComparer.Ordinal);
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
            if (stream.CanSeek) Probe(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(option, path, e.Message);
        }
        _optionOf.Add(full, option);
        return full;
    }

    /// <summary>Writes <paramref name="text"/> to a path reserved with <see cref="Reserve"/>.</summary>
    /// <exception cref="FileException">The write failed (the disk filled up during the solve, say).</exception>
    public void Write(string fullPath, string text)
    {
        try
        {
            File.WriteAllText(fullPath, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
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

    private static void Probe(FileStream stream)
    {
        var length = stream.Length;
        stream.Seek(length, SeekOrigin.Begin);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
        try
        {
            stream.SetLength(length);
        }
        catch (IOException) when (length == 0)
        {
            // A device such as /dev/null cannot be truncated; a newline written to it is harmless.
        }
    }

    private static FileException Unwritable(string option, string path, string reason) => new($"cannot write {option} {path}: {reason}", []);
}
