using RealtimeAsr.Testing;

namespace RealtimeAsr.Cli.Tests.Integration;

/// <summary>CLI tests that share one running RealtimeAsr server (real engine, real VAD).</summary>
[CollectionDefinition(Name)]
public sealed class RealServer : ICollectionFixture<ServerFixture>
{
    public const string Name = "real server";
}
