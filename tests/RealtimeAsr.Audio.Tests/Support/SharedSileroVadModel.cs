namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>Test classes that share the loaded Silero model.</summary>
[CollectionDefinition(Name)]
public sealed class SharedSileroVadModel : ICollectionFixture<SileroVadModelFixture>
{
    public const string Name = "Silero VAD";
}
