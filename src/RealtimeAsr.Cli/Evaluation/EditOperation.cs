namespace RealtimeAsr.Cli.Evaluation;

/// <summary>What one step of an alignment does with a reference token and a hypothesis token.</summary>
internal enum EditOperation
{
    /// <summary>The hypothesis token equals the reference token.</summary>
    Correct,

    /// <summary>A reference token was recognised as another token.</summary>
    Substitution,

    /// <summary>A reference token has no counterpart in the hypothesis.</summary>
    Deletion,

    /// <summary>A hypothesis token has no counterpart in the reference.</summary>
    Insertion,
}
