using RealtimeAsr.Client.Internal;
using RealtimeAsr.Client.Tests.Support;

namespace RealtimeAsr.Client.Tests.Security;

/// <summary>These tests set DASHSCOPE_API_KEY, which is process-wide: nothing else may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableTests
{
    public const string Name = "environment variable";
}

/// <summary>Where the key goes: the environment's key only to Alibaba Cloud, and no key in clear text beyond loopback.</summary>
[Collection(EnvironmentVariableTests.Name)]
public sealed class ApiKeyTests
{
    private const string EnvironmentKey = "sk-from-the-environment";

    [Fact]
    public async Task The_environment_key_is_not_sent_to_a_server_that_is_not_Alibaba_Cloud()
    {
        await using var server = await StartCaptureServerAsync();

        await WithEnvironmentKeyAsync(EnvironmentKey, async () =>
        {
            await using (await server.CreateClient(o => o.ApiKey = null).ConnectAsync())
            {
            }
        });

        server.AssertScriptsSucceeded();
        Assert.False(server.LastRequestHeaders!.ContainsKey("Authorization"), server.LastRequestHeaders["Authorization"].ToString());
    }

    [Fact]
    public async Task An_explicit_key_is_sent_to_a_loopback_server_over_ws()
    {
        await using var server = await StartCaptureServerAsync();

        await WithEnvironmentKeyAsync(EnvironmentKey, async () =>
        {
            await using (await server.CreateClient(o => o.ApiKey = "explicit-key").ConnectAsync())
            {
            }
        });

        Assert.Equal("Bearer explicit-key", server.LastRequestHeaders!.Authorization.ToString());
    }

    [Fact]
    public async Task With_no_key_at_all_no_authorization_header_is_sent()
    {
        await using var server = await StartCaptureServerAsync();

        await WithEnvironmentKeyAsync(null, async () =>
        {
            await using (await server.CreateClient(o => o.ApiKey = null).ConnectAsync())
            {
            }
        });

        Assert.False(server.LastRequestHeaders!.ContainsKey("Authorization"));
    }

    [Theory]
    [InlineData("ws://asr.example.com/api-ws/v1/realtime")]
    [InlineData("ws://192.168.1.20:8765")]
    public void An_explicit_key_over_ws_to_another_host_is_refused_when_the_client_is_made(string endpoint)
    {
        var exception = Assert.Throws<ArgumentException>(() => new RealtimeAsrClient(new Uri(endpoint), apiKey: "secret"));

        Assert.Contains(nameof(RealtimeAsrClientOptions.AllowApiKeyOverInsecureTransport), exception.Message, StringComparison.Ordinal);
        Assert.Contains("wss://", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_opt_in_allows_a_key_over_ws_to_another_host()
    {
        var client = new RealtimeAsrClient(new RealtimeAsrClientOptions
        {
            Endpoint = new Uri("ws://asr.example.com/api-ws/v1/realtime"),
            ApiKey = "secret",
            AllowApiKeyOverInsecureTransport = true,
        });

        Assert.Equal("asr.example.com", client.SessionUri.Host);
    }

    [Fact]
    public Task The_environment_key_over_ws_to_Alibaba_Cloud_is_refused_but_a_client_for_another_host_is_not() =>
        WithEnvironmentKeyAsync(EnvironmentKey, () =>
        {
            Assert.Throws<ArgumentException>(() => new RealtimeAsrClient(new Uri("ws://dashscope.aliyuncs.com/api-ws/v1/realtime")));
            // The environment's key is not for this host, so nothing would be sent and nothing is refused.
            _ = new RealtimeAsrClient(new Uri("ws://asr.example.com/api-ws/v1/realtime"));
            _ = new RealtimeAsrClient();
            return Task.CompletedTask;
        });

    [Theory]
    [InlineData("wss://dashscope.aliyuncs.com/api-ws/v1/realtime", true)]
    [InlineData("wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime", true)]
    [InlineData("wss://ws-1.ap-southeast-1.maas.aliyuncs.com/api-ws/v1/realtime", true)]
    [InlineData("wss://DashScope.AliyunCS.com/api-ws/v1/realtime", true)]
    [InlineData("wss://aliyuncs.com.evil.example/api-ws/v1/realtime", false)]
    [InlineData("wss://notaliyuncs.com/api-ws/v1/realtime", false)]
    [InlineData("wss://asr.example.com/api-ws/v1/realtime", false)]
    [InlineData("ws://127.0.0.1:8765/api-ws/v1/realtime", false)]
    public Task The_environment_key_is_used_only_for_Alibaba_Cloud_hosts(string endpoint, bool used) =>
        WithEnvironmentKeyAsync(EnvironmentKey, () =>
        {
            var key = ApiKeyPolicy.Resolve(new RealtimeAsrClientOptions { Endpoint = new Uri(endpoint) }, new Uri(endpoint));
            Assert.Equal(used ? EnvironmentKey : null, key);
            return Task.CompletedTask;
        });

    private static Task<ScriptedServer> StartCaptureServerAsync() =>
        ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });

    private static async Task WithEnvironmentKeyAsync(string? value, Func<Task> body)
    {
        var previous = Environment.GetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable, value);
        try
        {
            await body();
        }
        finally
        {
            Environment.SetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable, previous);
        }
    }
}
