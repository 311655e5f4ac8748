// AudioWorklet processor: runs on the audio thread at the device's rate, resamples the microphone to 16 kHz and posts
// 100 ms blocks of 16-bit PCM (1600 samples) with their level to the main thread.
import { Resampler } from './resampler.js';
import { SAMPLE_RATE, CHUNK_SAMPLES, toPcm16, level } from './pcm.js';

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    // `sampleRate` is the AudioWorkletGlobalScope's: the context's rate (48 kHz on most devices).
    this.resampler = new Resampler(sampleRate, SAMPLE_RATE);
    this.pending = new Float32Array(CHUNK_SAMPLES);
    this.filled = 0;
    this.stopped = false;
    this.port.onmessage = (event) => {
      // The main thread wants the samples of a part-filled block now (push-to-talk release, stop).
      if (event.data === 'flush' || event.data === 'stop') {
        this.post();
        this.stopped = event.data === 'stop';
        this.port.postMessage({ type: 'flushed' });
      }
    };
  }

  process(inputs) {
    if (this.stopped) return false;
    // One input, downmixed to one channel by the node (channelCount 1, explicit).
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      const out = this.resampler.process(channel);
      let offset = 0;
      while (offset < out.length) {
        const take = Math.min(out.length - offset, CHUNK_SAMPLES - this.filled);
        this.pending.set(out.subarray(offset, offset + take), this.filled);
        this.filled += take;
        offset += take;
        if (this.filled === CHUNK_SAMPLES) this.post();
      }
    }
    return true;
  }

  post() {
    if (this.filled === 0) return;
    const block = this.pending.subarray(0, this.filled);
    const pcm = toPcm16(block);
    this.port.postMessage({ type: 'chunk', pcm, level: level(block) }, [pcm.buffer]);
    this.filled = 0;
  }
}

registerProcessor('capture-processor', CaptureProcessor);
