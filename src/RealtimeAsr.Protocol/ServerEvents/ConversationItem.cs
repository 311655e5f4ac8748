using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>The <c>item</c> of <c>conversation.item.created</c>: one user utterance.</summary>
public sealed class ConversationItem
{
    /// <summary>Item id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Always <c>realtime.item</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; set; } = "realtime.item";

    /// <summary>Always <c>message</c>.</summary>
    public string Type { get; set; } = "message";

    /// <summary>Item status, <c>completed</c> once committed.</summary>
    public string Status { get; set; } = "completed";

    /// <summary>Always <c>user</c>.</summary>
    public string Role { get; set; } = "user";

    /// <summary>One <c>input_audio</c> part whose transcript is always <see langword="null"/> here.</summary>
    public IList<ContentPart> Content { get; set; } = [];
}
