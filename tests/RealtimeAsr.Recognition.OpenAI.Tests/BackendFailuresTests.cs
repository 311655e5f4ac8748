using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.OpenAI.Tests;

/// <summary>What a client is told when the backend fails: the code says whose problem it is, the message names the cause.</summary>
public sealed class BackendFailuresTests
{
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "backend_unauthorized")]
    [InlineData(HttpStatusCode.Forbidden, "backend_unauthorized")]
    [InlineData(HttpStatusCode.InternalServerError, "backend_unavailable")]
    [InlineData(HttpStatusCode.BadGateway, "backend_unavailable")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "backend_unavailable")]
    [InlineData(HttpStatusCode.TooManyRequests, "backend_unavailable")]
    [InlineData(HttpStatusCode.RequestTimeout, "backend_timeout")]
    [InlineData(HttpStatusCode.BadRequest, "recognition_failed")]
    [InlineData(HttpStatusCode.NotFound, "recognition_failed")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "recognition_failed")]
    public void A_status_maps_to_the_code_of_whose_problem_it_is(HttpStatusCode status, string code)
    {
        var failure = BackendFailures.FromResponse("remote", status, null);

        Assert.Equal(code, failure.Code);
        Assert.Contains("engine 'remote'", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"HTTP {(int)status}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_key_says_so_and_leaves_out_the_backends_words()
    {
        var failure = BackendFailures.FromResponse("remote", HttpStatusCode.Unauthorized,
            """{"error":{"message":"Incorrect API key provided: sk-secret-123","type":"invalid_request_error"}}""");

        Assert.Equal(ErrorCodes.BackendUnauthorized, failure.Code);
        Assert.Equal("The backend of engine 'remote' refused this server's key (HTTP 401); the server's operator must fix its ApiKey.", failure.Message);
    }

    [Theory]
    [InlineData("""{"error":{"message":"The model `nope` does not exist.","type":"NotFoundError","code":404}}""", "The model `nope` does not exist.")]
    [InlineData("""{"object":"error","message":"Maximum clip duration exceeded","type":"BadRequestError","code":400}""", "Maximum clip duration exceeded")]
    [InlineData("""{"detail":"Not Found"}""", "Not Found")]
    [InlineData("""{"error":"plain words"}""", "plain words")]
    [InlineData("upstream connect error\n<html>…</html>", "upstream connect error")]
    public void The_backends_own_message_is_passed_on(string body, string message)
    {
        var failure = BackendFailures.FromResponse("remote", HttpStatusCode.BadRequest, body);

        Assert.Equal($"The backend of engine 'remote' refused the request (HTTP 400: {message}).", failure.Message);
    }

    [Fact]
    public void A_long_backend_message_is_cut()
    {
        var message = BackendFailures.BackendMessage($$$"""{"error":{"message":"{{{new string('x', 1000)}}}"}}""")!;

        Assert.Equal(BackendFailures.MaxBackendMessageLength + 1, message.Length);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_connection_is_unavailable_without_the_backends_address()
    {
        var failure = BackendFailures.FromException("remote",
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (10.0.0.7:8000)"), TimeSpan.FromSeconds(10))!;

        Assert.Equal(ErrorCodes.BackendUnavailable, failure.Code);
        Assert.Equal("The backend of engine 'remote' cannot be reached (the connection failed).", failure.Message);
    }

    [Fact]
    public void A_timeout_names_the_configured_limit()
    {
        var failure = BackendFailures.FromException("remote", new TimeoutRejectedException(), TimeSpan.FromSeconds(1.5))!;

        Assert.Equal(ErrorCodes.BackendTimeout, failure.Code);
        Assert.Equal("The backend of engine 'remote' did not answer within 1.5 s.", failure.Message);
    }

    [Fact]
    public void An_open_circuit_is_unavailable()
    {
        var failure = BackendFailures.FromException("remote", new BrokenCircuitException(), TimeSpan.FromSeconds(10))!;

        Assert.Equal(ErrorCodes.BackendUnavailable, failure.Code);
        Assert.Contains("given a rest", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_that_is_not_a_transcription_fails_the_item_as_recognition_failed()
    {
        Assert.Equal(ErrorCodes.RecognitionFailed, BackendFailures.FromException("remote", new JsonException(), TimeSpan.FromSeconds(1))!.Code);
    }

    [Fact]
    public void Other_exceptions_are_not_the_backends()
    {
        Assert.Null(BackendFailures.FromException("remote", new OperationCanceledException(), TimeSpan.FromSeconds(1)));
        Assert.Null(BackendFailures.FromException("remote", new InvalidOperationException(), TimeSpan.FromSeconds(1)));
    }
}
