namespace RealtimeAsr.Recognition.Tests;

/// <summary>Tests that measure speed run alone, after the parallel ones, so that the others' CPU use does not count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
