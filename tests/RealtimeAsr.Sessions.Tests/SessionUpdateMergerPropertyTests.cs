using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>
/// Property tests of the merger over random, valid <c>session</c> objects with one string — a value or a property
/// name, at any depth — replaced by text that is not valid Unicode: the merger never throws; a field it reads is refused
/// as <c>invalid_value</c> naming it, without echoing the bad text; anything else is ignored.
/// </summary>
public sealed class SessionUpdateMergerPropertyTests
{
    private const int Iterations = 400;

    private static readonly SessionSettings s_current = new(AudioFormats.Opus, 8000, "en", "Qwen", TurnDetectionSettings.LowLatency);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void One_string_that_is_not_text_is_refused_where_it_is_read_and_ignored_elsewhere(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var session = RandomClientEvents.Session(random);
            var strings = RandomClientEvents.CountStrings(session);
            if (strings == 0)
            {
                continue;
            }

            var target = random.Next(strings);
            var bad = BadJsonText.Next(random);
            var corruptJson = RandomClientEvents.Write(session, target, bad, out var corruption);
            var equivalentJson = RandomClientEvents.Write(session, target, null, out _);

            var error = Apply(corruptJson, out var merged);

            var context = $"seed {seed}, iteration {i}: {corruptJson} ({corruption})";
            if (!corruption.IsKey && corruption.Param is { } param)
            {
                Assert.True(error is not null, context);
                Assert.Equal(ErrorCodes.InvalidValue, error.Code);
                Assert.Equal(param, error.Param);
                Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
                Assert.True(BadJsonText.IsValidText(error.Message), context);
                Assert.Same(s_current, merged);
            }
            else
            {
                // A bad property name matches nothing (the property is as good as absent); a bad ignored value is ignored.
                var expectedError = Apply(equivalentJson, out var expected);
                Assert.True(expectedError is null, $"{context}: {expectedError}");
                Assert.True(error is null, $"{context}: {error}");
                Assert.Equal(expected, merged);
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Valid_random_updates_merge_without_error(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var json = RandomClientEvents.Write(RandomClientEvents.Session(random));

            Assert.True(Apply(json, out _) is null, json);
        }
    }

    private static SettingsError? Apply(string session, out SessionSettings merged)
    {
        using var document = JsonDocument.Parse(session);
        return SessionUpdateMerger.TryApply(s_current, document.RootElement, out merged);
    }
}
