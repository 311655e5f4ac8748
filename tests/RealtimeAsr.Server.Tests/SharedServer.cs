using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Tests that share one running server.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServer : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
