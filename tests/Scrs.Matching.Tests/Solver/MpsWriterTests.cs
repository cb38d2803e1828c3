using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;

namespace Scrs.Matching.Tests.Solver;

public partial class MpsWriterTests
{
    private static string ToMps(LinearModel model)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        MpsWriter.Write(model, text);
        return text.ToString();
    }

    [Fact]
    public void Cuts_are_written_only_when_asked_for()
    {
        var model = SolverTestData.Triangles();
        model.RowNames = i => $"r{i}";
        var cut = model.AddCut([0, 1, 2], [-0.5, -0.5, -0.5], -1);
        string Write(bool cuts)
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            MpsWriter.Write(model, text, cuts);
            return text.ToString();
        }
        Assert.Contains($" G r{cut}", Write(cuts: true));
        var without = Write(cuts: false);
        Assert.DoesNotContain($"r{cut}", without);
        Assert.Contains(" L r5", without);
    }

    /// <summary>
    /// A random bounded MIP that is feasible by construction: the rows are built around a random integer point.
    /// Mixed senses, integer and continuous columns, negative bounds, maximize or minimize, an offset.
    /// </summary>
    private static LinearModel RandomFeasibleMip(int seed)
    {
        var random = new Random(seed);
        var model = new LinearModel($"random {seed}")
        {
            Maximize = random.Next(2) == 0,
            ObjectiveOffset = random.Next(-20, 21),
            ColumnNames = j => $"col {j}",
        };
        var columns = random.Next(3, 9);
        var point = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            var lower = random.Next(-3, 2);
            var upper = lower + random.Next(0, 6);
            model.AddColumn(lower, upper, random.Next(-9, 10), isInteger: random.Next(3) > 0);
            point[j] = random.Next(lower, upper + 1);
        }
        for (var i = random.Next(2, 7); i > 0; i--)
        {
            var used = Enumerable.Range(0, columns).Where(_ => random.Next(2) == 0).ToArray();
            var coefficients = used.Select(_ => (double)random.Next(-5, 6)).ToArray();
            var activity = used.Select((c, k) => coefficients[k] * point[c]).Sum();
            var sense = (RowSense)"LGE"[random.Next(3)];
            var rhs = sense switch
            {
                RowSense.LessOrEqual => activity + random.Next(0, 4),
                RowSense.GreaterOrEqual => activity - random.Next(0, 4),
                _ => activity,
            };
            model.AddRow(used, coefficients, sense, rhs);
        }
        return model;
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is not installed (Debian packages glpk-utils, coinor-cbc).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), $"{program} did not finish");
            return output.Result + errors.Result;
        }
    }

    [GeneratedRegex(@"Objective:\s+\S+ = (\S+)")]
    private static partial Regex GlpkObjective();

    [GeneratedRegex(@"Objective value:\s+(\S+)")]
    private static partial Regex CbcObjective();

    private static double Parse(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"no objective in:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Exported_random_mips_solved_by_glpsol_and_the_cbc_command_line_match_the_library_optimum()
    {
        var directory = Directory.CreateTempSubdirectory("mps-check");
        try
        {
            for (var seed = 1; seed <= 12; seed++)
            {
                var model = RandomFeasibleMip(seed);
                var library = new CbcSolver().Solve(model, new MipOptions(), CancellationToken.None);
                Assert.True(library.Status == MipStatus.Optimal, $"seed {seed}: {library.Status}");

                var file = Path.Combine(directory.FullName, $"m{seed}.mps");
                File.WriteAllText(file, ToMps(model));
                var sign = model.Maximize ? -1 : 1;
                var glpk = Parse(GlpkObjective(), Run("glpsol", "--freemps", file, "-o", "/dev/stdout"));
                var cbc = Parse(CbcObjective(), Run("cbc", file, "solve"));
                Assert.Equal(library.Objective, model.ObjectiveOffset + sign * glpk, 6);
                Assert.Equal(library.Objective, model.ObjectiveOffset + sign * cbc, 6);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Output_is_deterministic_sanitizes_names_and_marks_integers_and_bounds()
    {
        var model = RandomFeasibleMip(3);
        var mps = ToMps(model);
        Assert.Equal(mps, ToMps(RandomFeasibleMip(3)));
        Assert.Contains("col_0", mps, StringComparison.Ordinal);
        Assert.DoesNotContain("col 0", mps, StringComparison.Ordinal);
        Assert.Contains("MARKER 'MARKER' 'INTORG'", mps, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(mps, "'INTORG'"), Regex.Count(mps, "'INTEND'"));
        Assert.EndsWith("ENDATA" + Environment.NewLine, mps, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximize_is_written_negated_and_the_offset_only_as_a_comment()
    {
        var mps = ToMps(SolverTestData.SmallMaximize());
        Assert.Contains("* objective sense: MAXIMIZE", mps, StringComparison.Ordinal);
        Assert.Contains("* objective offset: 7", mps, StringComparison.Ordinal);
        Assert.Contains("    x0 OBJ -5", mps, StringComparison.Ordinal);
        Assert.DoesNotContain("OBJSENSE", mps, StringComparison.Ordinal);
        Assert.DoesNotContain("RHS OBJ", mps, StringComparison.Ordinal);
        Assert.Contains(" PL BND x0", mps, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_after_sanitizing_are_rejected()
    {
        var model = SolverTestData.SmallMaximize();
        model.ColumnNames = j => j == 0 ? "a b" : "a_b";
        var error = Assert.Throws<ArgumentException>(() => ToMps(model));
        Assert.Contains("'a_b'", error.Message, StringComparison.Ordinal);
    }
}
