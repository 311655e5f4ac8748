namespace RealtimeAsr.Recognition.Tests;

/// <summary>Tests that measure speed or memory run alone, after the parallel ones, so that the others' use does not count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
