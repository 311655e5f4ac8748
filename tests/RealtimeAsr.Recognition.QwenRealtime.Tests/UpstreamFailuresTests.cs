using System.Net;
using RealtimeAsr.Client;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.QwenRealtime.Tests;

/// <summary>What a client is told for each way the upstream fails (docs/ENGINES.md, "qwen-realtime (gateway)").</summary>
public sealed class UpstreamFailuresTests
{
    private const string Key = "sk-upstream-7d1e";

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, ErrorCodes.BackendUnauthorized, "refused this server's credentials (HTTP 401)")]
    [InlineData(HttpStatusCode.Forbidden, ErrorCodes.BackendUnauthorized, "refused this server's credentials (HTTP 403)")]
    [InlineData(HttpStatusCode.NotFound, ErrorCodes.BackendUnavailable, "refused the connection (HTTP 404)")]
    [InlineData(HttpStatusCode.TooManyRequests, ErrorCodes.BackendUnavailable, "refused the connection (HTTP 429)")]
    public void A_refused_handshake_names_the_status_and_never_the_upstream_s_words(HttpStatusCode status, string code, string expected)
    {
        // The upstream's own body and the SDK's message name the URL and may echo what was sent: neither reaches the client.
        var refused = new RealtimeAsrHandshakeException($"The server refused the connection to wss://upstream.example/api-ws/v1/realtime: {Key}",
            status, $$"""{"code":"InvalidApiKey","message":"Invalid API key {{Key}}"}""", null, null);

        var failure = UpstreamFailures.FromException(refused, connected: false);

        Assert.Equal(code, failure.Code);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("upstream.example", failure.Message, StringComparison.Ordinal);
        Assert.Same(refused, failure.InnerException);
    }

    [Fact]
    public void An_unreachable_upstream_and_a_lost_one_are_unavailable_in_words_of_their_own()
    {
        var error = new RealtimeAsrConnectionException("Could not connect to ws://10.0.0.9:8080/api-ws/v1/realtime: Connection refused");

        var unreachable = UpstreamFailures.FromException(error, connected: false);
        var lost = UpstreamFailures.FromException(error, connected: true);

        Assert.Equal(ErrorCodes.BackendUnavailable, unreachable.Code);
        Assert.Equal("The upstream recognition server could not be reached. The audio was not transcribed.", unreachable.Message);
        Assert.Equal(ErrorCodes.BackendUnavailable, lost.Code);
        Assert.StartsWith("The connection to the upstream recognition server was lost.", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_is_backend_timeout_and_a_missing_result_says_how_long_was_waited()
    {
        Assert.Equal(ErrorCodes.BackendTimeout, UpstreamFailures.FromException(new RealtimeAsrTimeoutException("slow"), connected: false).Code);

        var none = UpstreamFailures.NoResult(TimeSpan.FromSeconds(2.5));

        Assert.Equal(ErrorCodes.BackendTimeout, none.Code);
        Assert.Equal("The upstream recognition server did not return the transcript within 2.5 s.", none.Message);
    }

    [Fact]
    public void Rejected_settings_keep_the_upstream_s_code()
    {
        var rejected = new RealtimeAsrErrorException(new ErrorEvent
        {
            Error = new ErrorDetail { Code = ErrorCodes.InvalidValue, Message = "Language 'fil' is not supported.", Param = "session.input_audio_transcription.language" },
        });

        var failure = UpstreamFailures.FromException(rejected, connected: false);

        Assert.Equal(ErrorCodes.InvalidValue, failure.Code);
        Assert.Equal("The upstream recognition server rejected the session's settings: Language 'fil' is not supported.", failure.Message);
    }

    [Fact]
    public void An_unintelligible_item_is_an_empty_transcript_and_other_failed_items_keep_their_code_and_message()
    {
        Assert.Null(UpstreamFailures.FromFailedItem(new TranscriptionError { Code = ErrorCodes.AudioUnintelligible, Message = "The audio could not be transcribed." }));

        var busy = UpstreamFailures.FromFailedItem(new TranscriptionError { Code = ErrorCodes.ServerBusy, Message = "No recognizer was free." });
        var unnamed = UpstreamFailures.FromFailedItem(new TranscriptionError());

        Assert.Equal(ErrorCodes.ServerBusy, busy?.Code);
        Assert.Equal("No recognizer was free.", busy?.Message);
        Assert.Equal(ErrorCodes.RecognitionFailed, unnamed?.Code);
    }
}
