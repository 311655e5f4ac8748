using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>Ids are shaped like the cloud's (<c>event_B2uoU7VOt1AAITsPRPH9n</c>): a prefix and 21 base-62 characters.</summary>
public sealed class ServerIdsTests
{
    [Theory]
    [InlineData("event_")]
    [InlineData("sess_")]
    [InlineData("item_")]
    public void Id_is_the_prefix_and_21_base62_characters(string prefix)
    {
        var id = prefix switch
        {
            "event_" => ProtocolIds.NewEventId(),
            "sess_" => ServerIds.NewSessionId(),
            _ => ServerIds.NewItemId(),
        };

        Assert.StartsWith(prefix, id, StringComparison.Ordinal);
        Assert.Equal(prefix.Length + 21, id.Length);
        Assert.Matches("^[a-z]+_[0-9A-Za-z]{21}$", id);
    }

    [Fact]
    public void Ids_are_unique()
    {
        const int Count = 20_000;
        var ids = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < Count; i++)
        {
            Assert.True(ids.Add(ProtocolIds.NewEventId()));
            Assert.True(ids.Add(ServerIds.NewItemId()));
            Assert.True(ids.Add(ServerIds.NewSessionId()));
        }
    }

    [Fact]
    public void Ids_are_unique_across_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                Assert.True(ids.TryAdd(ProtocolIds.NewEventId(), 0));
            }
        });

        Assert.Equal(40_000, ids.Count);
    }

    [Fact]
    public void Ids_use_the_whole_base62_alphabet()
    {
        var seen = new HashSet<char>();
        for (var i = 0; i < 2_000; i++)
        {
            seen.UnionWith(ProtocolIds.NewEventId()["event_".Length..]);
        }

        Assert.Equal(62, seen.Count);
    }
}
