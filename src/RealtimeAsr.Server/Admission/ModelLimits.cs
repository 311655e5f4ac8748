namespace RealtimeAsr.Server;

/// <summary>Limits of one model name (<c>RealtimeAsr:Limits:Models:&lt;model&gt;</c>).</summary>
public sealed class ModelLimits
{
    /// <summary>Most live sessions of this model; the next is refused with 503. Default 0: no limit of its own.</summary>
    public int MaxSessions { get; set; }
}
