// A file as input: decoded by the browser, resampled to 16 kHz mono by the page's own resampler (as the microphone is)
// and sent in 100 ms blocks at real-time pace, so the server sees what a live talker would send.
import { resample } from './resampler.js';
import { SAMPLE_RATE, CHUNK_SAMPLES, toPcm16, level } from './pcm.js';
import { InputError } from './capture.js';

/** The rate files are decoded at before our resampler takes them to 16 kHz. */
const DECODE_RATE = 48000;

/** Decodes any format the browser reads (WAV, MP3, Ogg, FLAC, …) to 16 kHz mono float samples. */
export async function decodeFile(file) {
  const bytes = await file.arrayBuffer();
  // An offline context decodes without an audio device; it converts the file to its own rate.
  const context = new OfflineAudioContext(1, 1, DECODE_RATE);
  let audio;
  try {
    audio = await context.decodeAudioData(bytes);
  } catch {
    throw new InputError(`"${file.name}" could not be decoded: it is not an audio format this browser reads.`);
  }
  const mono = new Float32Array(audio.length);
  for (let c = 0; c < audio.numberOfChannels; c++) {
    const channel = audio.getChannelData(c);
    for (let i = 0; i < mono.length; i++) mono[i] += channel[i] / audio.numberOfChannels;
  }
  return resample(mono, audio.sampleRate, SAMPLE_RATE);
}

export class FileSource {
  /**
   * @param {Float32Array} samples 16 kHz mono.
   * @param {{onChunk: (pcm: Int16Array, level: number) => void, onEnd: () => void}} handlers
   */
  constructor(samples, { onChunk, onEnd }) {
    this.samples = samples;
    this.onChunk = onChunk;
    this.onEnd = onEnd;
    this.next = 0;
  }

  /** Starts sending; block i leaves at start + i × 100 ms, so timer lateness does not add up. */
  start() {
    this.startedAt = performance.now();
    this.tick();
  }

  tick() {
    this.timer = undefined;
    const due = Math.floor((performance.now() - this.startedAt) / 100) + 1;
    while (this.next < due && this.next * CHUNK_SAMPLES < this.samples.length) {
      const block = this.samples.subarray(this.next * CHUNK_SAMPLES, (this.next + 1) * CHUNK_SAMPLES);
      this.next++;
      this.onChunk(toPcm16(block), level(block));
    }
    if (this.next * CHUNK_SAMPLES >= this.samples.length) {
      this.onEnd();
      return;
    }
    this.timer = setTimeout(() => this.tick(), this.startedAt + this.next * 100 - performance.now());
  }

  /** Nothing is held back: every block was delivered when it was due. */
  flush() {
    return Promise.resolve();
  }

  async stop() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
