using System.CommandLine;
using RealtimeAsr.Cli.Commands;

namespace RealtimeAsr.Cli.Tests.Commands;

/// <summary><c>--finish-timeout</c> reaches the SDK's <c>FinishTimeout</c>; without it the SDK's default stays.</summary>
public sealed class FinishTimeoutTests
{
    [Theory]
    [InlineData(new[] { "--finish-timeout", "90" }, 90.0)]
    [InlineData(new[] { "--finish-timeout", "2.5" }, 2.5)]
    public void The_option_sets_the_finish_timeout(string[] args, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse(args).FinishTimeout);

    [Fact]
    public void Without_the_option_the_sdk_default_stays() =>
        Assert.Equal(new RealtimeAsr.Client.RealtimeAsrClientOptions().FinishTimeout, Parse([]).FinishTimeout);

    private static RealtimeAsr.Client.RealtimeAsrClientOptions Parse(string[] args)
    {
        var shared = new SessionOptionSet("language");
        var command = new Command("test");
        shared.AddTo(command);
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return shared.ClientOptions(result, apiKey: null);
    }
}
