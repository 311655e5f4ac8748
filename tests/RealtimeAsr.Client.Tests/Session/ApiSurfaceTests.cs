using RealtimeAsr.Client.Audio;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>Shapes of the public API that keep callers safe: copies instead of live state, results that can grow.</summary>
public sealed class ApiSurfaceTests
{
    [Fact]
    public async Task Session_options_are_a_copy_that_cannot_change_the_session()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync(new TranscriptionSessionOptions { Language = "en" });

        session.Options.Language = "zh";
        session.Options.SampleRate = 8000;

        Assert.Equal("en", session.Options.Language);
        Assert.Equal(16000, session.Options.SampleRate);
        Assert.NotSame(session.Options, session.Options);
    }

    [Fact]
    public void A_result_is_built_from_its_identity_and_init_only_properties()
    {
        var result = new TranscriptionResult(TranscriptionResultKind.Partial, "item_1") { Text = "hel", Stash = "lo", Language = "en" };

        Assert.Equal("hello", result.FullText);
        Assert.Null(result.Emotion);
        Assert.Equal("", new TranscriptionResult(TranscriptionResultKind.Failed, "item_2").Text);
        Assert.Equal("Partial item_1: hello", result.ToString());
        var failed = TranscriptionResult.FromEvent(new TranscriptionFailedEvent { ItemId = "item_3", Error = new TranscriptionError { Code = "c", Message = "m" } })!;
        Assert.Equal(TranscriptionResultKind.Failed, failed.Kind);
        Assert.Equal("m", failed.Error!.Message);
    }

    [Fact]
    public async Task The_wav_header_can_be_read_without_synchronous_io()
    {
        var wav = new AsyncOnlyStream(new MemoryStream(WavBuilder.Build(8000, 1, 16, new byte[100], extraChunk: true)));

        var header = await WavHeader.ReadAsync(wav);

        Assert.Equal(8000, header.SampleRate);
        Assert.Equal(100, header.DataLength);
        Assert.True(header.IsPcm16Mono);
    }

    [Fact]
    public void Timeouts_belong_to_the_sdks_exception_hierarchy() =>
        Assert.True(typeof(RealtimeAsrException).IsAssignableFrom(typeof(RealtimeAsrTimeoutException)));
}
