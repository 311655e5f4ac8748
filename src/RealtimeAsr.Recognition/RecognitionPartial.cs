namespace RealtimeAsr.Recognition;

/// <summary>A partial result: the protocol's <c>text</c> (confirmed, only grows) and <c>stash</c> (draft).</summary>
/// <param name="Text">Confirmed text; every later partial's text starts with it.</param>
/// <param name="Stash">The draft after <paramref name="Text"/> (starts with a space when both are non-empty).</param>
/// <param name="Language">The language the engine detected, or <see langword="null"/> when it did not detect one.</param>
public sealed record RecognitionPartial(string Text, string Stash, string? Language = null);
