namespace RealtimeAsr.Deployment.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The repository root (the folder of RealtimeAsr.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the root, from '/'-separated parts.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RealtimeAsr.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RealtimeAsr.slnx not found above " + AppContext.BaseDirectory);
    }
}
