// Streaming sample-rate conversion with a Kaiser-windowed sinc kernel (band-limited interpolation).
// Used in the AudioWorklet (microphone, device rate -> 16 kHz) and on the main thread (uploaded files), so both inputs
// reach the server through the same filter. Nearest-sample or linear decimation would fold everything above 8 kHz
// back into the speech band; this low-pass keeps the stop band below about -80 dB.

/** Zeroth-order modified Bessel function of the first kind, by its power series (enough terms for beta <= 12). */
function besselI0(x) {
  let sum = 1;
  let term = 1;
  const half = x / 2;
  for (let k = 1; k < 40; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

export class Resampler {
  /**
   * @param {number} inputRate  Hz of the samples given to process().
   * @param {number} outputRate Hz of the samples it returns.
   * @param {{zeroCrossings?: number, cutoff?: number, beta?: number, phases?: number}} [options]
   *   zeroCrossings: sinc lobes on each side (kernel length); cutoff: pass band as a fraction of the lower Nyquist
   *   frequency (0.9 of 8 kHz = 7.2 kHz, fully stopped by 8 kHz); beta: Kaiser window shape (9 ~ -90 dB side lobes);
   *   phases: kernel table resolution per input sample (linear interpolation between entries).
   */
  constructor(inputRate, outputRate, { zeroCrossings = 20, cutoff = 0.9, beta = 9, phases = 256 } = {}) {
    if (!(inputRate > 0) || !(outputRate > 0)) throw new RangeError('sample rates must be positive');
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    /** Input samples advanced per output sample. */
    this.step = inputRate / outputRate;
    // Cut-off in cycles per input sample: below both Nyquist frequencies.
    const fc = 0.5 * Math.min(1, outputRate / inputRate) * cutoff;
    /** Half the kernel's width, in input samples. */
    this.halfWidth = zeroCrossings / (2 * fc);
    this.phases = phases;
    const size = Math.ceil(this.halfWidth * phases) + 2;
    this.kernel = new Float32Array(size);
    const i0Beta = besselI0(beta);
    for (let i = 0; i < size; i++) {
      const x = i / phases;
      const r = x / this.halfWidth;
      if (r >= 1) break;
      const sincArg = 2 * fc * x;
      const sinc = sincArg === 0 ? 1 : Math.sin(Math.PI * sincArg) / (Math.PI * sincArg);
      this.kernel[i] = 2 * fc * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta);
    }
    this.reach = Math.ceil(this.halfWidth);
    // Leading zeros stand for the samples before the first one, so output 0 lines up with input 0.
    this.buffer = new Float32Array(this.reach);
    this.position = this.reach;
  }

  /** Kernel value at a distance of `distance` input samples (symmetric), interpolated from the table. */
  tap(distance) {
    const index = Math.abs(distance) * this.phases;
    const i = Math.floor(index);
    if (i + 1 >= this.kernel.length) return 0;
    const frac = index - i;
    return this.kernel[i] + (this.kernel[i + 1] - this.kernel[i]) * frac;
  }

  /**
   * Converts the next block of a stream; keeps what the kernel still needs for the next call.
   * @param {Float32Array} input
   * @returns {Float32Array} as many output samples as the input so far allows (the last halfWidth input samples wait).
   */
  process(input) {
    const buffer = new Float32Array(this.buffer.length + input.length);
    buffer.set(this.buffer);
    buffer.set(input, this.buffer.length);
    const out = [];
    let t = this.position;
    while (t + this.reach < buffer.length) {
      const first = Math.ceil(t - this.halfWidth);
      const last = Math.floor(t + this.halfWidth);
      let sum = 0;
      for (let k = Math.max(0, first); k <= last; k++) {
        sum += buffer[k] * this.tap(t - k);
      }
      out.push(sum);
      t += this.step;
    }
    const keepFrom = Math.max(0, Math.floor(t - this.reach) - 1);
    this.buffer = buffer.slice(keepFrom);
    this.position = t - keepFrom;
    return Float32Array.from(out);
  }

  /** Ends the stream: the samples still held back, as if silence followed. */
  flush() {
    return this.process(new Float32Array(this.reach + 1));
  }
}

/** Converts a whole signal at once (an uploaded file). */
export function resample(samples, inputRate, outputRate) {
  const resampler = new Resampler(inputRate, outputRate);
  const body = resampler.process(samples);
  const tail = resampler.flush();
  const length = Math.round((samples.length * outputRate) / inputRate);
  const all = new Float32Array(body.length + tail.length);
  all.set(body);
  all.set(tail, body.length);
  return all.subarray(0, Math.min(length, all.length));
}
