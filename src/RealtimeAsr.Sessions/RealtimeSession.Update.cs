using RealtimeAsr.Audio;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    /// <summary>
    /// <c>session.update</c>: merge, validate against the protocol and the engine, apply, echo the effective
    /// configuration. Switching modes never loses audio: Manual → VAD commits the uncommitted buffer first, and
    /// VAD → Manual keeps an utterance in progress as the Manual buffer.
    /// </summary>
    private async ValueTask UpdateAsync(UpdateSession update, CancellationToken cancellationToken)
    {
        var error = SessionUpdateMerger.TryApply(_settings, update.Session, out var merged);
        if (error is null && merged.Language is { } language && !_engine.Capabilities.Languages.Contains(language))
        {
            error = new SettingsError("session.input_audio_transcription.language", ErrorCodes.InvalidValue,
                $"Invalid value: '{language}'. The '{_engine.Name}' engine of model '{Model}' supports: "
                + string.Join(", ", _engine.Capabilities.Languages.Order().Select(l => $"'{l}'")) + ".");
        }

        if (error is not null)
        {
            await RejectAsync(update.EventId, error.Code, error.Message, error.Param, cancellationToken);
            return;
        }

        var previous = _settings;
        if (previous.IsServerVad != merged.IsServerVad)
        {
            await SwitchModeAsync(merged, cancellationToken);
        }
        else if (merged.TurnDetection is { } turn && turn != previous.TurnDetection)
        {
            _vad!.Update(ToVadOptions(turn));
        }

        if (merged.InputAudioFormat != previous.InputAudioFormat || merged.SampleRate != previous.SampleRate)
        {
            _audioDecoder.Dispose();
            _audioDecoder = AudioInputDecoder.Create(merged.InputAudioFormat, merged.SampleRate);
        }

        _settings = merged;
        await EmitAsync(new SessionUpdatedEvent { Session = merged.ToConfiguration(Id, Model) }, cancellationToken);
    }

    private async ValueTask SwitchModeAsync(SessionSettings merged, CancellationToken cancellationToken)
    {
        if (merged.IsServerVad && _current is { SampleCount: > 0 })
        {
            await CommitUtteranceAsync(speechEndSample: null, cancellationToken);
        }

        _vad?.Dispose();
        _vad = CreateVad(merged.TurnDetection);
        // A new detector counts from zero; the session's audio clock does not.
        _vad?.Reset(_clockSamples);
    }
}
