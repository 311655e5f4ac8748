using System.Net.WebSockets;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>Cancelling a send never breaks the connection: a frame in flight is completed, then the cancellation is reported.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_an_append_while_its_frame_is_written_completes_the_frame_and_keeps_the_session_open()
    {
        var startReading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appendedBase64 = 0;
        WebSocketCloseStatus? closeStatus = null;
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            // Read nothing until the client has cancelled: the big frame is stuck in the middle of being written.
            await startReading.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var append = await connection.ExpectAsync(EventTypes.InputAudioBufferAppend);
            appendedBase64 = append.GetProperty("audio").GetString()!.Length;
            await connection.ExpectAsync(EventTypes.InputAudioBufferCommit);
            await connection.WaitForCloseAsync();
            closeStatus = connection.ClientCloseStatus;
        });
        var session = await server.CreateClient().ConnectAsync();
        using var cancel = new CancellationTokenSource();

        // About 15 MB of JSON: far more than the socket and server buffers hold.
        var appending = session.AppendAudioAsync(new byte[RealtimeTranscriptionSession.MaxAppendBytes], cancel.Token);
        await Task.Delay(300);
        await cancel.CancelAsync();
        await Task.Delay(200);
        startReading.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => appending);
        Assert.Equal(WebSocketState.Open, session.State);
        await session.CommitAsync();
        await session.DisposeAsync();

        server.AssertScriptsSucceeded();
        Assert.Equal(InputAudioBufferAppendEvent.MaxAudioBase64Length, appendedBase64);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, closeStatus);
    }

    [Fact]
    public async Task A_send_cancelled_before_its_turn_sends_nothing_and_leaves_the_session_usable()
    {
        var received = new List<string>();
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            foreach (var clientEvent in await connection.ReceiveUntilAsync(EventTypes.SessionFinish))
            {
                received.Add(clientEvent.GetProperty("type").GetString()!);
            }

            await connection.SendAsync(new SessionFinishedEvent { EventId = "e_fin" });
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.CommitAsync(new CancellationToken(canceled: true)));
        await session.ClearAsync();
        await session.FinishAsync();

        Assert.Equal([EventTypes.InputAudioBufferClear, EventTypes.SessionFinish], received);
        Assert.Equal(WebSocketState.Open, session.State);
    }
}
