// PCM helpers shared by the capture worklet and the main thread.

/** The protocol's audio: 16 kHz mono 16-bit PCM, sent in 100 ms appends. */
export const SAMPLE_RATE = 16000;
export const CHUNK_SAMPLES = 1600;

/** Float samples in [-1, 1] to 16-bit PCM, clipped, rounded to nearest. */
export function toPcm16(samples) {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    pcm[i] = Math.round(s < 0 ? s * 32768 : s * 32767);
  }
  return pcm;
}

/**
 * Loudness of a block for the level meter, 0..1: its RMS on a dB scale from -60 dBFS (0) to 0 dBFS (1), so quiet
 * speech still moves the bar.
 */
export function level(samples) {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / samples.length);
  const db = 20 * Math.log10(rms + 1e-9);
  return Math.max(0, Math.min(1, (db + 60) / 60));
}

/** Little-endian bytes of 16-bit PCM as base64, for input_audio_buffer.append. */
export function pcm16ToBase64(pcm) {
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let binary = '';
  const block = 0x8000;
  for (let i = 0; i < bytes.length; i += block) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + block));
  }
  return btoa(binary);
}
