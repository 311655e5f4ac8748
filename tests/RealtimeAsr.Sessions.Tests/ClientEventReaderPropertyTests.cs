using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>
/// Property tests over random client events of every kind with one string — a value or a property name, at any depth,
/// <c>session</c> included — replaced by text that is not valid Unicode. Reading never throws and never echoes the bad
/// text; the field read is refused naming it (an <c>event_id</c> without being echoed); anything else is ignored.
/// </summary>
public sealed class ClientEventReaderPropertyTests
{
    private const int Iterations = 400;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void One_string_that_is_not_text_is_refused_naming_its_field_or_ignored(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var clientEvent = RandomClientEvents.Event(random);
            var target = random.Next(RandomClientEvents.CountStrings(clientEvent));
            var bad = BadJsonText.Next(random);
            var corruptJson = RandomClientEvents.Write(clientEvent, target, bad, out var corruption);
            var equivalentJson = RandomClientEvents.Write(clientEvent, target, null, out _);
            var context = $"seed {seed}, iteration {i}: {corruptJson} ({corruption})";

            var command = Read(corruptJson);

            Assert.True(BadJsonText.IsValidText(command.EventId), context);
            Assert.True(command is not RejectEvent reject || BadJsonText.IsValidText(reject.Message), context);
            var eventId = EventIdOf(equivalentJson);
            switch (corruption)
            {
                case { IsKey: false, Param: "event_id" }:
                    AssertReject(command, null, ErrorCodes.InvalidValue, "event_id", context);
                    break;
                case { IsKey: false, Param: "type" }:
                    AssertReject(command, eventId, ErrorCodes.InvalidValue, "type", context);
                    break;
                case { IsKey: false, Param: "audio" }:
                    AssertReject(command, eventId, ErrorCodes.InvalidBase64, "audio", context);
                    break;
                case { IsKey: false, Param: { } param }:
                    // A string of the session object: the command carries it to the merger, which refuses it.
                    var update = Assert.IsType<UpdateSession>(command);
                    Assert.Equal(eventId, update.EventId);
                    var error = SessionUpdateMerger.TryApply(SessionSettings.Default, update.Session, out _);
                    Assert.True(error is not null, context);
                    Assert.Equal(param, error.Param);
                    Assert.Equal(ErrorCodes.InvalidValue, error.Code);
                    Assert.True(BadJsonText.IsValidText(error.Message), context);
                    break;
                default:
                    // An ignored value, or a name that matches nothing: as if the frame had been sent without it.
                    Assert.Equal(Describe(Read(equivalentJson)), Describe(command));
                    break;
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_mutations_of_valid_events_never_throw(int seed)
    {
        // Insert a bad escape anywhere inside any string, or break the frame's JSON: the reader and the merger answer
        // with a command or a reject, and nothing they return holds text that cannot be written back as JSON.
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var json = RandomClientEvents.Write(RandomClientEvents.Event(random));
            var quotes = Enumerable.Range(0, json.Length).Where(p => json[p] == '"').ToArray();
            var at = quotes[random.Next(quotes.Length)] + 1;
            var mutated = random.Next(10) == 0
                ? json.Insert(random.Next(json.Length), "\\u")
                : json.Insert(at, BadJsonText.Next(random));

            var command = Read(mutated);
            Assert.True(BadJsonText.IsValidText(command.EventId), mutated);
            if (command is RejectEvent reject)
            {
                Assert.True(BadJsonText.IsValidText(reject.Message), mutated);
            }
            else if (command is UpdateSession update)
            {
                var error = SessionUpdateMerger.TryApply(SessionSettings.Default, update.Session, out var merged);
                Assert.True(BadJsonText.IsValidText(error?.Message) && BadJsonText.IsValidText(merged.Language)
                    && BadJsonText.IsValidText(merged.CorpusText), mutated);
            }

            (command as AppendAudio)?.Release();
        }
    }

    private static SessionCommand Read(string json) => ClientEventReader.Read(Encoding.UTF8.GetBytes(json));

    private static string? EventIdOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("event_id", out var id) ? id.GetString() : null;
    }

    private static void AssertReject(SessionCommand command, string? eventId, string code, string param, string context)
    {
        var reject = Assert.IsType<RejectEvent>(command);
        Assert.True(code == reject.Code && param == reject.Param, $"{context}: {reject}");
        Assert.Equal(eventId, reject.EventId);
    }

    /// <summary>What a command amounts to, for comparing two reads: its kind, id, payload or error.</summary>
    private static string Describe(SessionCommand command)
    {
        switch (command)
        {
            case AppendAudio append:
                var audio = Convert.ToBase64String(append.Audio);
                append.Release();
                return $"append {append.EventId} {audio}";
            case UpdateSession update:
                var error = SessionUpdateMerger.TryApply(SessionSettings.Default, update.Session, out var merged);
                return $"update {update.EventId} {error} {merged}";
            default:
                return command.ToString();
        }
    }
}
