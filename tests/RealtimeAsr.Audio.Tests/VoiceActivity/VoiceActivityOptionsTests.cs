namespace RealtimeAsr.Audio.Tests.VoiceActivity;

public sealed class VoiceActivityOptionsTests
{
    [Fact]
    public void Defaults_are_the_protocol_defaults()
    {
        var options = new VoiceActivityOptions();

        Assert.Equal(0.2, options.Threshold);
        Assert.Equal(800, options.SilenceDurationMs);
        Assert.Equal(300, options.PreRollMs);
        Assert.Equal(0.6, options.StartProbability, 9);
        Assert.Equal(0.45, options.ContinueProbability, 9);
        options.Validate();
    }

    [Theory]
    [InlineData(0.2, 0.6)]
    [InlineData(0.0, 0.5)]
    [InlineData(-0.5, 0.25)]
    [InlineData(0.5, 0.75)]
    [InlineData(-1.0, 0.05)]
    [InlineData(1.0, 0.95)]
    public void Threshold_maps_linearly_onto_the_start_probability_within_bounds(double threshold, double probability) =>
        Assert.Equal(probability, VoiceActivityOptions.StartProbabilityFor(threshold), 9);

    [Fact]
    public void The_mapping_is_monotonic_and_continue_stays_below_start()
    {
        var previous = double.MinValue;
        for (var threshold = -1.0; threshold <= 1.0; threshold += 0.01)
        {
            var options = new VoiceActivityOptions { Threshold = threshold };
            Assert.True(options.StartProbability >= previous);
            Assert.InRange(options.ContinueProbability, 0.01, options.StartProbability);
            previous = options.StartProbability;
        }
    }

    public static TheoryData<string, Action<VoiceActivityOptions>> OutOfRange() => new()
    {
        { "Threshold", o => o.Threshold = 1.01 },
        { "Threshold", o => o.Threshold = double.NaN },
        { "SilenceDurationMs", o => o.SilenceDurationMs = 199 },
        { "SilenceDurationMs", o => o.SilenceDurationMs = 6001 },
        { "PreRollMs", o => o.PreRollMs = -1 },
        { "MinSpeechDurationMs", o => o.MinSpeechDurationMs = 1001 },
        { "Hysteresis", o => o.Hysteresis = 0.6 },
        { "MaxSpeechDurationMs", o => o.MaxSpeechDurationMs = 999 },
        { "MaxSpeechDurationMs", o => o.MaxSpeechDurationMs = -1 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_names_the_setting_out_of_range(string name, Action<VoiceActivityOptions> change)
    {
        var options = new VoiceActivityOptions();
        change(options);

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
    }
}
