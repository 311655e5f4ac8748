using RealtimeAsr.Testing;

namespace RealtimeAsr.Browser.Tests;

/// <summary>
/// The server as a person runs it on their own machine: no API key (the page connects directly, <c>auth: open</c>),
/// plus one configured model name, so the page has two models to offer.
/// </summary>
public sealed class PageServer() : ServerFixture("--RealtimeAsr:ApiKeys:0=", $"--RealtimeAsr:Models:{ExtraModel}=pocketsphinx")
{
    /// <summary>A model name configured under <c>RealtimeAsr:Models</c>, served by the embedded engine.</summary>
    public const string ExtraModel = "english-small";

    /// <summary>The page at <c>/</c>.</summary>
    public string PageUrl => HttpAddress.ToString();
}

/// <summary>A server with an API key and no page tokens: the page can only explain (<c>auth: unavailable</c>).</summary>
public sealed class KeyedServer : ServerFixture;

/// <summary>A server with an API key that issues page tokens (<c>auth: token</c>).</summary>
public sealed class TokenServer() : ServerFixture("--RealtimeAsr:Page:IssueTokens=true");

/// <summary>A server with the page turned off.</summary>
public sealed class PageDisabledServer() : ServerFixture("--RealtimeAsr:Page:Enabled=false");

/// <summary>A server with an optional engine that cannot start, and a model served by it.</summary>
public sealed class BrokenEngineServer() : ServerFixture(
    "--RealtimeAsr:Engines:broken:Type=pocketsphinx", "--RealtimeAsr:Engines:broken:Optional=true",
    $"--RealtimeAsr:Engines:broken:AcousticModelDirectory={Path.Combine(Path.GetTempPath(), "no-such-acoustic-model")}",
    $"--RealtimeAsr:Models:{BrokenModel}=broken")
{
    public const string BrokenModel = "broken-model";
}

/// <summary>The browser tests share one open server and run one at a time (each plays audio at real-time pace).</summary>
[CollectionDefinition(Name)]
public sealed class PageTests : ICollectionFixture<PageServer>
{
    public const string Name = "Page";
}
