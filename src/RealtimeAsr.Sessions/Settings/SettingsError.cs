using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

/// <summary>Why a <c>session.update</c> was rejected: the parameter path and a message for the client.</summary>
/// <param name="Param">Dotted path of the field at fault, e.g. <c>session.sample_rate</c>.</param>
/// <param name="Code">An <see cref="ErrorCodes"/> value.</param>
/// <param name="Message">Human-readable explanation naming the offending value.</param>
public sealed record SettingsError(string Param, string Code, string Message);
