// Microphone input: getUserMedia -> AudioWorklet (capture-worklet.js) -> 100 ms blocks of 16 kHz PCM16.

/** An input the page cannot use, with a message for people. */
export class InputError extends Error {}

/** Why getUserMedia failed, in words a person can act on. */
function describeMicrophoneError(error) {
  switch (error && error.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was denied. Allow the microphone for this site in the browser (the icon in the address bar), or transcribe a file instead.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one, or transcribe a file instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone could not be opened: another application may be using it.';
    default:
      return `The microphone could not be opened: ${error && error.message ? error.message : error}`;
  }
}

export class MicrophoneSource {
  /**
   * @param {{onChunk: (pcm: Int16Array, level: number) => void}} handlers
   *   onChunk gets every block, 1600 samples except the last of a flush.
   */
  constructor({ onChunk }) {
    this.onChunk = onChunk;
    this.flushWaiters = [];
  }

  /** Asks for the microphone and starts capturing; throws InputError with a readable message. */
  async start() {
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new InputError('The microphone needs a secure page: open it over https, or on localhost / 127.0.0.1.');
    }
    try {
      // The server does its own voice detection; the browser's noise suppression and gain control alter speech in
      // ways the recogniser was not trained on, so they are off.
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch (error) {
      throw new InputError(describeMicrophoneError(error));
    }

    this.context = new AudioContext();
    await this.context.audioWorklet.addModule(new URL('./capture-worklet.js', import.meta.url));
    const source = this.context.createMediaStreamSource(this.stream);
    this.node = new AudioWorkletNode(this.context, 'capture-processor', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
    });
    this.node.port.onmessage = (event) => this.receive(event.data);
    // A muted path to the output keeps the graph pulled in every browser; nothing is heard.
    const mute = this.context.createGain();
    mute.gain.value = 0;
    source.connect(this.node).connect(mute).connect(this.context.destination);
    await this.context.resume();
  }

  receive(message) {
    if (message.type === 'chunk') {
      this.onChunk(message.pcm, message.level);
    } else if (message.type === 'flushed') {
      this.flushWaiters.shift()?.();
    }
  }

  /** Delivers the part-filled block now (through onChunk) and resolves after it. */
  flush(command = 'flush') {
    if (!this.node) return Promise.resolve();
    const flushed = new Promise((resolve) => {
      this.flushWaiters.push(resolve);
      this.node.port.postMessage(command);
    });
    // A context that stopped rendering may never answer; a stop must not hang on it.
    return Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, 1000))]);
  }

  /** Delivers what is left, then releases the microphone. */
  async stop() {
    if (this.node) await this.flush('stop');
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
    if (this.context) await this.context.close();
    this.node = undefined;
    this.stream = undefined;
    this.context = undefined;
  }
}
