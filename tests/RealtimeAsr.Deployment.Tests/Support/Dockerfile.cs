using System.Text.Json;
using System.Text.RegularExpressions;

namespace RealtimeAsr.Deployment.Tests.Support;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and the rest of its logical line.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>One stage: its base image, its name (<c>AS …</c>) and its instructions.</summary>
public sealed record DockerStage(string From, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    /// <summary>The arguments of every instruction with <paramref name="keyword"/>.</summary>
    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>The arguments of the last instruction with <paramref name="keyword"/> (the one in effect).</summary>
    public string Last(string keyword) => All(keyword).Last();

    /// <summary>The ENV instructions' variables (KEY=VALUE pairs; values without spaces, as this Dockerfile writes them).</summary>
    public IReadOnlyDictionary<string, string> Environment() => All("ENV")
        .SelectMany(args => args.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(kv => kv[0], kv => kv[1].Trim('"'));

    /// <summary>An exec-form (JSON array) instruction's words, e.g. ENTRYPOINT or HEALTHCHECK's CMD.</summary>
    public static IReadOnlyList<string> ExecForm(string arguments)
    {
        var json = arguments[arguments.IndexOf('[', StringComparison.Ordinal)..];
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }
}

/// <summary>The repository's Dockerfile, read into stages (a reader for what this Dockerfile uses, not all of the syntax).</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    /// <summary>The stages in order; the last one is the image.</summary>
    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage named <paramref name="name"/>.</summary>
    public DockerStage Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>The image's stage (the last).</summary>
    public DockerStage Image => Stages[^1];

    /// <summary>Reads the Dockerfile at the repository root.</summary>
    public static Dockerfile Load()
    {
        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        foreach (var line in LogicalLines(File.ReadAllLines(Repository.PathOf("Dockerfile"))))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = line[..space].ToUpperInvariant();
            var arguments = line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var match = FromPattern().Match(arguments);
                current = [];
                stages.Add(new DockerStage(match.Groups["image"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null, current));
            }
            else
            {
                current?.Add(new DockerInstruction(keyword, arguments));
            }
        }

        return new Dockerfile(stages);
    }

    // Joins continuation lines (a trailing backslash) and drops comments and blank lines.
    private static IEnumerable<string> LogicalLines(IEnumerable<string> lines)
    {
        var pending = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            yield return pending + line;
            pending = "";
        }
    }

    [GeneratedRegex(@"^(?:--platform=\S+\s+)?(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();
}
