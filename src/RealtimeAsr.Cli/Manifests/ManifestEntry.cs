namespace RealtimeAsr.Cli.Manifests;

/// <summary>One file to evaluate: its audio, what was said, and where the entry came from (for messages).</summary>
/// <param name="Name">How reports name the file: the audio path as the manifest writes it (or the file name in a folder); unique.</param>
/// <param name="AudioPath">The audio file, resolved against the manifest's folder.</param>
/// <param name="Reference">The reference transcript, as written.</param>
/// <param name="Language">The language of the speech, when the manifest gives one.</param>
/// <param name="Source">Where the entry is written, e.g. <c>eval.tsv:7</c>.</param>
internal sealed record ManifestEntry(string Name, string AudioPath, string Reference, string? Language, string Source);
