#!/usr/bin/env bash
# Builds the evaluation set described in eval/README.md: the real recordings of Debian's pocketsphinx-testdata, split
# into a tuning part and a held-out part, the same recordings at other levels and with background noise, and
# espeak-ng speech. Writes 16 kHz mono 16-bit WAV files under eval/data/ (not committed) for the manifests in eval/.
# Deterministic (sox -R seeds its noise and dither) and idempotent. Needs scripts/setup.sh to have run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
testdata=/usr/share/pocketsphinx/test/data
out="$root/eval/data"
mkdir -p "$out"

[ -d "$testdata/librivox" ] || { echo "eval-set: $testdata is missing; run scripts/setup.sh" >&2; exit 1; }

raw_in=(-t raw -r 16000 -e signed-integer -b 16 -c 1)
wav_out=(-r 16000 -c 1 -b 16 -e signed-integer)

# make NAME SOX-INPUT... : one source recording as eval/data/NAME.wav (16 kHz mono PCM16).
make() {
  local name="$1"; shift
  [ -s "$out/$name.wav" ] || sox -R "$@" "${wav_out[@]}" "$out/$name.wav"
}

# variants NAME: the recording NAME.wav at other levels and with noise, as a user's microphone would give it.
#   quiet: 24 dB lower (a distant or low-gain microphone); loud: peak-normalised to -1 dBFS (a hot one);
#   noisy: pink noise mixed in (peak -30 dBFS, -43 dBFS RMS: a fan, a street; 15-20 dB below the speech);
#   quiet-noisy: the noisy recording 18 dB lower.
# The numbers are round, fixed once and never tuned against results.
variants() {
  local name="$1" src="$out/$1.wav" seconds
  seconds="$(soxi -D "$src")"
  [ -s "$out/$name.quiet.wav" ] || sox -R "$src" "$out/$name.quiet.wav" gain -24
  [ -s "$out/$name.loud.wav" ] || sox -R "$src" "$out/$name.loud.wav" gain -n -1
  if [ ! -s "$out/$name.noisy.wav" ] || [ ! -s "$out/$name.quiet-noisy.wav" ]; then
    local noise="$out/.noise-$name.wav"
    sox -R -n "${wav_out[@]}" "$noise" synth "$seconds" pinknoise gain -n -30
    sox -R -m -v 1 "$src" -v 1 "$noise" "$out/$name.noisy.wav"
    sox -R "$out/$name.noisy.wav" "$out/$name.quiet-noisy.wav" gain -18
    rm -f "$noise"
  fi
}

# joined NAME GAP-SECONDS SOURCE...: recordings one after another with silence around each, as one stream.
joined() {
  local name="$1" gap="$2"; shift 2
  [ -s "$out/$name.wav" ] && return
  local silence="$out/.silence.wav" parts=()
  sox -n "${wav_out[@]}" "$silence" trim 0 "$gap"
  parts+=("$silence")
  for source in "$@"; do parts+=("$out/$source.wav" "$silence"); done
  sox "${parts[@]}" "$out/$name.wav"
  rm -f "$silence"
}

# Tuning part: every recording with a transcript other than the LibriVox clips.
for n in 001 002 003 004 005; do make "cards-$n" "$testdata/cards/$n.wav"; done
make goforward "${raw_in[@]}" "$testdata/goforward.raw"
make something "${raw_in[@]}" "$testdata/something.raw"
make tidigits-2934z "${raw_in[@]}" "$testdata/tidigits/dhd.2934z.raw"
joined cards-pauses 1 cards-001 cards-002 cards-003 cards-004 cards-005
joined commands-pauses 1 goforward something tidigits-2934z

# Held-out part: the LibriVox clips (one speaker, read speech), alone and three of them as one stream.
for n in 0870 0880 0890 0920 0930; do make "librivox-$n" "$testdata/librivox/sense_and_sensibility_01_austen_64kb-$n.wav"; done
joined librivox-pauses 1 librivox-0870 librivox-0880 librivox-0890
joined librivox-pauses-2 1 librivox-0920 librivox-0930

for name in cards-pauses commands-pauses librivox-0870 librivox-0880 librivox-0890 librivox-0920 librivox-0930 \
            librivox-pauses librivox-pauses-2; do
  variants "$name"
done

# Synthetic speech: espeak-ng, each line of eval/espeak.tsv naming its voice in the file name (espeak-VOICE-N.wav).
grep -v '^#' "$root/eval/espeak.tsv" | while IFS=$'\t' read -r path sentence _; do
  name="$(basename "$path" .wav)"
  voice="${name#espeak-}"; voice="${voice%-*}"
  if [ ! -s "$out/$name.wav" ]; then
    espeak-ng -v "$voice" -s 150 -w "$out/.espeak.wav" "$sentence"
    sox "$out/.espeak.wav" "${wav_out[@]}" "$out/$name.wav"
    rm -f "$out/.espeak.wav"
  fi
done

echo "eval-set: $(find "$out" -name '*.wav' | wc -l) files in $out" >&2
