using System.Net.Sockets;
using RealtimeAsr.Client.Tests.Support;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>The hooks for the WebSocket options and the HTTP handler the handshake goes through.</summary>
public sealed class ConnectionHookTests
{
    [Fact]
    public async Task ConfigureWebSocket_runs_after_the_clients_own_settings_and_takes_effect()
    {
        await using var server = await StartAsync();
        var calls = 0;
        var client = server.CreateClient(o => o.ConfigureWebSocket = options =>
        {
            calls++;
            options.SetRequestHeader("X-Test-Hook", "from the hook");
            options.KeepAliveInterval = TimeSpan.FromSeconds(7);
        });

        await using (await client.ConnectAsync())
        {
        }

        Assert.Equal(1, calls);
        Assert.Equal("from the hook", server.LastRequestHeaders!["X-Test-Hook"].ToString());
        server.AssertScriptsSucceeded();
    }

    [Fact]
    public async Task ConfigureHttpHandler_configures_the_handler_the_handshake_uses()
    {
        await using var server = await StartAsync();
        var dialled = new List<string>();
        var client = server.CreateClient(o => o.ConfigureHttpHandler = handler =>
        {
            // Where a proxy or certificate validation would be set; a connect callback proves the handler is the one used.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, errors) => errors == System.Net.Security.SslPolicyErrors.None;
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                dialled.Add(context.DnsEndPoint.ToString());
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        });

        await using (var session = await client.ConnectAsync())
        {
            Assert.Equal("sess_scripted", session.SessionId);
        }

        Assert.Equal([$"Unspecified/127.0.0.1:{server.Endpoint.Port}"], dialled);
    }

    [Fact]
    public async Task Setting_a_proxy_on_the_websocket_options_instead_of_the_handler_fails_clearly()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient(o => o.ConfigureWebSocket = options => options.Proxy = new System.Net.WebProxy("http://127.0.0.1:9"));

        await Assert.ThrowsAsync<ArgumentException>(() => client.ConnectAsync());
    }

    private static Task<ScriptedServer> StartAsync() =>
        ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });
}
