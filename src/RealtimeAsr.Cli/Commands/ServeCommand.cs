using System.CommandLine;
using RealtimeAsr.Server;

namespace RealtimeAsr.Cli.Commands;

/// <summary><c>realtime-asr serve [server options]</c>: runs the RealtimeAsr server in this process.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command(
            "serve",
            "Run the RealtimeAsr server. Every argument goes to the server, ASP.NET Core style: --urls http://127.0.0.1:8765, "
            + "--RealtimeAsr:ApiKeys:0=<key>, … (the same as the RealtimeAsr.Server executable).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RealtimeAsrServerHost.RunAsync([.. parseResult.UnmatchedTokens], cancellationToken));
        return command;
    }
}
