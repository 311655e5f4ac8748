// The page: settings from /page/config, one realtime session per Start (microphone) or file, and the transcript.
import { loadConfig, fetchClientSecret, explainRefusedConnection } from './server-config.js';
import { RealtimeClient, ConnectError, describeClose } from './realtime-client.js';
import { MicrophoneSource, InputError } from './capture.js';
import { FileSource, decodeFile } from './file-source.js';
import { TranscriptView } from './transcript-view.js';
import { SAMPLE_RATE } from './pcm.js';

/** The protocol's documented presets (protocol §3.1). */
const PRESETS = {
  low: { threshold: 0.0, silence_duration_ms: 400 },
  balanced: { threshold: 0.2, silence_duration_ms: 800 },
};
/** Audio kept from before a push-to-talk press, so the first syllable is not cut: 3 blocks of 100 ms. */
const PRE_ROLL_CHUNKS = 3;
/** Microphone audio held while the connection opens; more than this and the oldest goes. */
const MAX_QUEUED_CHUNKS = 300;

const $ = (id) => document.getElementById(id);
const ui = {
  app: $('app'),
  connection: $('connection'),
  error: $('error'),
  settings: $('settings'),
  model: $('model'),
  modelEngine: $('model-engine'),
  language: $('language'),
  preset: $('preset'),
  threshold: $('threshold'),
  silence: $('silence'),
  start: $('start'),
  talk: $('talk'),
  talkHelp: $('talk-help'),
  file: $('file'),
  level: $('level'),
  sent: $('sent'),
  clear: $('clear'),
};
const view = new TranscriptView($('transcript'), $('announcer'));

let config = { models: [], auth: 'open', realtime_path: '/api-ws/v1/realtime' };
/** The running session, or undefined. */
let session;

// ---- state shown on the page ----

function setConnection(state, text) {
  ui.app.dataset.connection = state;
  ui.connection.textContent = text;
  const busy = state === 'connecting' || state === 'live' || state === 'finishing';
  const usable = config.auth !== 'unavailable' && config.models.length > 0 && state !== 'loading';
  ui.start.disabled = !usable || state === 'connecting' || state === 'finishing';
  ui.start.textContent = busy ? 'Stop' : 'Start';
  ui.file.disabled = !usable || busy;
  for (const control of ui.settings.elements) control.disabled = busy;
  const talking = state === 'live' && session?.mode === 'manual' && session?.kind === 'microphone';
  ui.talk.hidden = !talking;
  ui.talkHelp.hidden = !talking;
  if (!busy) {
    ui.level.value = 0;
    setPressed(false);
  }
}

function showError(message) {
  ui.error.textContent = message;
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

function setPressed(pressed) {
  ui.talk.setAttribute('aria-pressed', String(pressed));
}

// ---- settings ----

function selectedMode() {
  return ui.settings.elements.mode.value;
}

function syncSettingsView() {
  ui.app.dataset.mode = selectedMode();
  ui.app.dataset.preset = ui.preset.value;
}

function fillLanguages() {
  const model = config.models.find((m) => m.id === ui.model.value);
  const languages = model ? model.languages : [];
  ui.modelEngine.textContent = model ? `Engine: ${model.engine}` : 'Not listed by the server';
  ui.language.replaceChildren();
  if (languages.length !== 1) ui.language.append(new Option('Detect automatically', ''));
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  for (const code of languages) {
    let name = code;
    try { name = `${names.of(code)} (${code})`; } catch { /* an unusual code: show it as it is */ }
    ui.language.append(new Option(name, code));
  }
  const wanted = new URLSearchParams(location.search).get('language');
  if (wanted && languages.includes(wanted)) ui.language.value = wanted;
}

/** turn_detection for session.update: null for push-to-talk (Manual mode), else server VAD with the chosen values. */
function turnDetection() {
  if (selectedMode() === 'manual') return null;
  if (ui.preset.value !== 'custom') return { type: 'server_vad', ...PRESETS[ui.preset.value] };
  const threshold = Number(ui.threshold.value);
  const silence = Number(ui.silence.value);
  if (ui.threshold.value === '' || !(threshold >= -1 && threshold <= 1)) throw new InputError('The threshold must be a number from -1 to 1.');
  if (!Number.isInteger(silence) || silence < 200 || silence > 6000) throw new InputError('The silence must be a whole number of milliseconds from 200 to 6000.');
  return { type: 'server_vad', threshold, silence_duration_ms: silence };
}

async function init() {
  syncSettingsView();
  try {
    config = await loadConfig();
  } catch (error) {
    setConnection('error', 'Unavailable');
    showError(error.message);
    return;
  }

  for (const model of config.models) ui.model.append(new Option(model.id, model.id));
  // ?model= picks a model; one the server did not list is offered as asked, and refused readably when used.
  const wanted = new URLSearchParams(location.search).get('model');
  if (wanted && !config.models.some((m) => m.id === wanted)) ui.model.append(new Option(wanted, wanted));
  if (wanted) ui.model.value = wanted;
  fillLanguages();

  if (config.auth === 'unavailable') {
    setConnection('unavailable', 'Sign-in needed');
    showError('This server needs an API key, and this page never holds one. To use the page, a deployment puts the '
      + 'server behind its own login and enables page tokens with RealtimeAsr:Page:IssueTokens=true. '
      + 'Clients with a key (the SDKs, the realtime-asr CLI) connect as usual.');
    return;
  }
  if (config.models.length === 0) {
    setConnection('unavailable', 'No model');
    showError('The server serves no model right now: its engines could not start. See the server log.');
    return;
  }
  setConnection('idle', 'Ready');
}

// ---- a session ----

/**
 * Starts a session from a source: the microphone, or a decoded file.
 * Order: open the input first (a denied microphone opens no session), then the token, then the socket.
 */
async function start(kind, file) {
  clearError();
  let detection;
  try {
    detection = turnDetection();
  } catch (error) {
    showError(error.message);
    return;
  }
  const current = {
    kind,
    mode: detection === null ? 'manual' : 'vad',
    model: ui.model.value,
    language: ui.language.value || null,
    detection,
    ready: false,
    queue: [],
    preRoll: [],
    held: false,
    releasing: false,
    heldChunks: 0,
    pendingCommits: [],
    capturedSamples: 0,
    sentSamples: 0,
    sentTimeline: [],
    finishing: false,
    client: undefined,
    source: undefined,
  };
  session = current;
  ui.app.dataset.capturedMs = '0';
  setConnection('connecting', kind === 'file' ? 'Reading the file…' : 'Opening the microphone…');

  try {
    if (kind === 'file') {
      const samples = await decodeFile(file);
      current.source = new FileSource(samples, { onChunk: (pcm, lvl) => onChunk(current, pcm, lvl), onEnd: () => onFileEnd(current) });
    } else {
      current.source = new MicrophoneSource({ onChunk: (pcm, lvl) => onChunk(current, pcm, lvl) });
      await current.source.start();
    }
    if (session !== current) return;
    setConnection('connecting', 'Connecting…');
    let protocols;
    if (config.auth === 'token') {
      const token = await fetchClientSecret(current.model);
      protocols = ['realtime', `openai-insecure-api-key.${token}`];
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}${config.realtime_path}?model=${encodeURIComponent(current.model)}`;
    current.client = await RealtimeClient.connect(url, protocols, {
      onEvent: (event) => onServerEvent(current, event),
      onClose: (code, reason) => onClose(current, code, reason),
    });
    if (session !== current) {
      current.client.close();
      return;
    }
    setConnection('connecting', 'Connected, setting up…');
  } catch (error) {
    let message = error.message;
    if (error instanceof ConnectError) {
      message = await explainRefusedConnection(config.realtime_path, current.model, config.auth, config.models);
    }
    await end(current);
    showError(message);
    setConnection('idle', 'Not connected');
  }
}

function onChunk(current, pcm, lvl) {
  if (session !== current) return;
  pcm.capturedAt = performance.now();
  current.capturedSamples += pcm.length;
  ui.app.dataset.capturedMs = String(Math.round((current.capturedSamples * 1000) / SAMPLE_RATE));
  ui.level.value = lvl;
  const sending = current.mode === 'vad' || current.held || current.releasing;
  if (!current.ready) {
    // Until session.updated: keep the microphone's first words (hands-free) or the pre-roll (push-to-talk).
    current.queue.push(pcm);
    const limit = sending ? MAX_QUEUED_CHUNKS : PRE_ROLL_CHUNKS;
    if (current.queue.length > limit) current.queue.shift();
    return;
  }
  if (sending) {
    send(current, pcm);
  } else {
    current.preRoll.push(pcm);
    if (current.preRoll.length > PRE_ROLL_CHUNKS) current.preRoll.shift();
  }
}

function send(current, pcm) {
  if (!current.client || !current.client.isOpen || current.finishedSending) return;
  current.client.append(pcm);
  current.sentSamples += pcm.length;
  // When each block was captured, by its end on the server's audio timeline: speech_stopped's audio_end_ms then
  // says when the talker actually stopped, which is where the wait for the final begins.
  if (current.mode === 'vad') current.sentTimeline.push({ endMs: (current.sentSamples * 1000) / SAMPLE_RATE, capturedAt: pcm.capturedAt });
  if (current.held || current.releasing) current.heldChunks += 1;
  ui.sent.textContent = `${(current.sentSamples / SAMPLE_RATE).toFixed(1)} s sent`;
}

/** When the audio at `audioMs` of the session's stream was captured (the block holding it, less what followed in it). */
function capturedAtAudioMs(current, audioMs) {
  const timeline = current.sentTimeline;
  if (typeof audioMs !== 'number') return undefined;
  while (timeline.length > 0 && timeline[0].endMs < audioMs) timeline.shift();
  const block = timeline[0];
  return block ? block.capturedAt - (block.endMs - audioMs) : undefined;
}

function onServerEvent(current, event) {
  if (session !== current) return;
  const now = performance.now();
  switch (event.type) {
    case 'session.created': {
      const update = { input_audio_format: 'pcm', sample_rate: SAMPLE_RATE, turn_detection: current.detection };
      update.input_audio_transcription = current.language ? { language: current.language } : {};
      current.updateEventId = current.client.update(update);
      break;
    }
    case 'session.updated':
      if (current.ready) break;
      current.ready = true;
      setConnection('live', current.kind === 'file' ? 'Transcribing the file' : current.mode === 'vad' ? 'Listening' : 'Connected: hold to talk');
      if (current.kind === 'file') {
        // A file in push-to-talk mode is one long press: committed when it ends.
        current.held = current.mode === 'manual';
        current.source.start();
      } else if (current.mode === 'vad') {
        for (const pcm of current.queue.splice(0)) send(current, pcm);
      } else {
        current.preRoll = current.queue.splice(0);
      }
      break;
    case 'input_audio_buffer.speech_started':
      view.utterance(event.item_id);
      break;
    case 'input_audio_buffer.speech_stopped':
      view.markEnd(event.item_id, capturedAtAudioMs(current, event.audio_end_ms) ?? now, 'end of speech');
      break;
    case 'input_audio_buffer.committed': {
      const committedAt = current.pendingCommits.shift();
      if (committedAt !== undefined) view.markEnd(event.item_id, committedAt, current.kind === 'file' ? 'the end of the file' : 'release');
      break;
    }
    case 'conversation.item.input_audio_transcription.text':
      view.partial(event.item_id, event.text ?? '', event.stash ?? '');
      break;
    case 'conversation.item.input_audio_transcription.completed':
      view.completed(event.item_id, event.transcript ?? '', now);
      break;
    case 'conversation.item.input_audio_transcription.failed':
      view.failed(event.item_id, event.error?.message ?? 'recognition failed');
      break;
    case 'error': {
      const error = event.error ?? {};
      const param = error.param ? ` (${error.param})` : '';
      showError(`The server reported an error: ${error.message ?? error.code ?? 'unknown'}${param}`);
      if (!current.ready && error.event_id && error.event_id === current.updateEventId) {
        // The settings were refused: stop rather than transcribe with settings nobody chose.
        stop();
      }
      break;
    }
    default:
      break; // session.finished is awaited by finish(); conversation.item.created carries nothing to show.
  }
}

function onClose(current, code, reason) {
  if (session !== current || current.finishing) return;
  // Closed by the server (or the network) while in use.
  end(current).then(() => {
    if (code !== 1000) showError(describeClose(code, reason));
    setConnection('idle', code === 1000 ? 'Session ended' : 'Disconnected');
  });
}

/** Push-to-talk press: the pre-roll and then everything captured goes to the server until release. */
function press() {
  const current = session;
  if (!current || current.mode !== 'manual' || current.kind !== 'microphone' || current.held || current.releasing || !current.ready) return;
  current.held = true;
  current.heldChunks = 0;
  setPressed(true);
  for (const pcm of current.preRoll.splice(0)) send(current, pcm);
}

/** Push-to-talk release: the part-filled block goes too, then the commit that makes the utterance. */
async function release(current = session) {
  if (!current || !current.held || current.releasing) return;
  current.releasing = true;
  current.held = false;
  setPressed(false);
  await current.source.flush();
  current.releasing = false;
  commit(current);
}

function commit(current) {
  // An empty commit is an error (protocol §3.3): a press too short to send anything makes no utterance.
  if (current.heldChunks === 0 || !current.client?.isOpen) return;
  current.heldChunks = 0;
  current.pendingCommits.push(performance.now());
  current.client.commit();
}

async function onFileEnd(current) {
  if (session !== current) return;
  if (current.mode === 'manual') {
    current.held = false;
    commit(current);
  }
  await finish(current);
}

/** Stop: no more audio, session.finish, wait for session.finished (finals of the last utterance come first), close. */
async function stop() {
  const current = session;
  if (!current) return;
  if (!current.client) {
    session = undefined;
    await end(current);
    setConnection('idle', 'Ready');
    return;
  }
  if (current.held) await release(current);
  await finish(current);
}

async function finish(current) {
  if (current.finishing) return;
  current.finishing = true;
  setConnection('finishing', 'Finishing…');
  if (current.source) await current.source.stop();
  current.finishedSending = true;
  const finished = current.client.isOpen ? await current.client.finish() : false;
  await end(current);
  if (!finished && !ui.error.textContent) showError('The server did not confirm the end of the session (session.finished) in time.');
  setConnection(finished ? 'done' : 'idle', finished ? 'Done' : 'Disconnected');
}

/** Releases the input and the socket of a session. */
async function end(current) {
  current.finishing = true;
  if (session === current) session = undefined;
  try {
    if (current.source) await current.source.stop();
  } catch {
    // Already released.
  }
  current.client?.close();
}

// ---- wiring ----

ui.settings.addEventListener('change', (event) => {
  if (event.target === ui.model) fillLanguages();
  if (event.target === ui.preset && ui.preset.value !== 'custom') {
    ui.threshold.value = String(PRESETS[ui.preset.value].threshold);
    ui.silence.value = String(PRESETS[ui.preset.value].silence_duration_ms);
  }
  syncSettingsView();
});
ui.settings.addEventListener('submit', (event) => event.preventDefault());

ui.start.addEventListener('click', () => {
  if (session) stop();
  else start('microphone');
});

ui.file.addEventListener('change', () => {
  const file = ui.file.files && ui.file.files[0];
  ui.file.value = '';
  if (file && !session) start('file', file);
});

ui.clear.addEventListener('click', () => view.clear());

ui.talk.addEventListener('pointerdown', (event) => {
  ui.talk.setPointerCapture?.(event.pointerId);
  press();
});
ui.talk.addEventListener('pointerup', () => release());
// A long press on a touch screen would open the context menu and cancel the pointer.
ui.talk.addEventListener('contextmenu', (event) => event.preventDefault());
ui.talk.addEventListener('pointercancel', () => release());
ui.talk.addEventListener('lostpointercapture', () => release());
ui.talk.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.repeat) {
    event.preventDefault();
    press();
  }
});
ui.talk.addEventListener('keyup', (event) => {
  if (event.key === 'Enter') release();
});

/** Space held anywhere but in a form field is the push-to-talk key. */
function isTypingTarget(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}
document.addEventListener('keydown', (event) => {
  if (event.code !== 'Space' || isTypingTarget(event.target) || session?.mode !== 'manual' || session?.kind !== 'microphone') return;
  event.preventDefault();
  if (!event.repeat) press();
});
document.addEventListener('keyup', (event) => {
  if (event.code !== 'Space' || isTypingTarget(event.target) || session?.mode !== 'manual') return;
  event.preventDefault();
  release();
});

init();
