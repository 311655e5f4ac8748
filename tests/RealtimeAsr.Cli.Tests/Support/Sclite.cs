using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RealtimeAsr.Cli.Tests.Support;

/// <summary>
/// Runs NIST sclite (Debian package <c>sctk</c>, installed by <c>scripts/setup.sh</c>) on pairs of token sequences
/// and reads back its per-speaker counts: every pair is written as its own speaker, so each row is one pair.
/// </summary>
public static partial class Sclite
{
    /// <summary>sclite's counts for one speaker (here: one pair) or for the <c>Sum</c> row.</summary>
    public sealed record Counts(int Words, int Correct, int Substitutions, int Deletions, int Insertions, int Errors);

    /// <summary>The speaker id of pair <paramref name="index"/> in the trn files and in sclite's report.</summary>
    public static string Speaker(int index) => string.Create(CultureInfo.InvariantCulture, $"p{index:D3}");

    /// <summary>
    /// Scores each (reference, hypothesis) pair of space-separated tokens with sclite's default alignment:
    /// <c>sclite -r ref.trn trn -h hyp.trn trn -i rm -e utf-8 -o rsum stdout</c> (<c>rsum</c>: the summary in counts,
    /// not percentages). Returns the rows by speaker, and <c>Sum</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, Counts> Score(IReadOnlyList<(string Reference, string Hypothesis)> pairs)
    {
        var (program, prefix) = Locate();
        using var folder = new TempFolder();
        var reference = new StringBuilder();
        var hypothesis = new StringBuilder();
        for (var i = 0; i < pairs.Count; i++)
        {
            reference.Append(pairs[i].Reference).Append($" ({Speaker(i)}_1)\n");
            hypothesis.Append(pairs[i].Hypothesis).Append($" ({Speaker(i)}_1)\n");
        }

        var referencePath = folder.Write("ref.trn", reference.ToString());
        var hypothesisPath = folder.Write("hyp.trn", hypothesis.ToString());
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in prefix.Concat(["-r", referencePath, "trn", "-h", hypothesisPath, "trn", "-i", "rm", "-e", "utf-8", "-o", "rsum", "stdout"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sclite exited with {process.ExitCode}: {error.Result}\n{output}");
        return Parse(output);
    }

    /// <summary>Reads the rows of sclite's summary table; fails with the whole output when there is no <c>Sum</c> row.</summary>
    public static IReadOnlyDictionary<string, Counts> Parse(string report)
    {
        var rows = new Dictionary<string, Counts>(StringComparer.Ordinal);
        foreach (var line in report.Split('\n'))
        {
            // | p001 |    1      3 |    2      1      0      1      2      1 |  — Mean/S.D./Median rows have decimals and do not match.
            var match = RowPattern().Match(line);
            if (match.Success)
            {
                int Get(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
                rows[match.Groups["name"].Value] = new Counts(Get("words"), Get("correct"), Get("sub"), Get("del"), Get("ins"), Get("err"));
            }
        }

        Assert.True(rows.ContainsKey("Sum"), $"No 'Sum' row in sclite's report:\n{report}");
        return rows;
    }

    /// <summary>sclite on PATH, else Debian's /usr/lib/sctk/bin/sclite, else the <c>sctk</c> wrapper; fails (not skips) when none is installed.</summary>
    private static (string Program, string[] Prefix) Locate()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        string? OnPath(string name) => path.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
        if (OnPath("sclite") is { } sclite)
        {
            return (sclite, []);
        }

        if (File.Exists("/usr/lib/sctk/bin/sclite"))
        {
            return ("/usr/lib/sctk/bin/sclite", []);
        }

        if (OnPath("sctk") is { } sctk)
        {
            return (sctk, ["sclite"]);
        }

        Assert.Fail("NIST sclite is not installed: run scripts/setup.sh (it installs the Debian package sctk).");
        throw new UnreachableException();
    }

    [GeneratedRegex(@"^\s*\|\s*(?<name>[^|]*?)\s*\|\s*\d+\s+(?<words>\d+)\s*\|\s*(?<correct>\d+)\s+(?<sub>\d+)\s+(?<del>\d+)\s+(?<ins>\d+)\s+(?<err>\d+)\s+\d+\s*\|")]
    private static partial Regex RowPattern();
}
