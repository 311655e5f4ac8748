namespace RealtimeAsr.Sessions;

/// <summary>A partial result snapshot: the protocol's <c>text</c> (confirmed) and <c>stash</c> (draft).</summary>
internal sealed record PartialResult(string Text, string Stash);
