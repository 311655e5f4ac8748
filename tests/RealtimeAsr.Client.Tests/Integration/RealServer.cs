using RealtimeAsr.Testing;

namespace RealtimeAsr.Client.Tests.Integration;

/// <summary>Tests that share one running RealtimeAsr server (real engine, real VAD). They run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RealServer : ICollectionFixture<ServerFixture>
{
    public const string Name = "real server";

    /// <summary>A client for <paramref name="server"/> with its key.</summary>
    public static RealtimeAsrClient Client(ServerFixture server, string apiKey = ServerFixture.ApiKey) =>
        new(new RealtimeAsrClientOptions { Endpoint = server.RealtimeEndpoint, ApiKey = apiKey });
}
