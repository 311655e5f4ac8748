#!/usr/bin/env bash
# Writes a ggml Whisper model for tests and benchmarks: scripts/make-whisper-test-model.sh OUT [tiny|base]
#
# No Whisper weights can be downloaded where RealtimeAsr is built and tested, so this makes a stand-in: a whisper.cpp
# ggml file (the legacy format of ggml-org/whisper.cpp's models/convert-pt-to-ggml.py) with exactly the
# hyperparameters and tensor shapes of openai/whisper `tiny` (default; 39 M parameters, ~75 MB) or `base` (74 M, ~140 MB)
# — multilingual, n_vocab 51865, n_mels 80, f16 weight matrices and f32 biases/norms/positional embeddings as
# whisper.cpp expects (ftype 1) — so whisper.cpp loads it and its compute cost per second of audio is the real model's.
# What is not real: the weights are seeded uniform random numbers (SplitMix64, one fixed seed: the same bytes every run),
# and the vocabulary is made-up pronounceable nonsense (50257 ordinary tokens; whisper.cpp adds the special tokens at
# the positions it derives from n_vocab). The mel filterbank IS the real one (Slaney mel, 16 kHz, n_fft 400, as
# librosa/openai-whisper compute it). A decode therefore runs the full encoder and decoder and prints nonsense words,
# or none. For real transcripts use a published model (realtime-asr models download …).
#
# Idempotent: when OUT already has the pinned SHA-256 of that shape nothing is written. The writer is the C# tool
# tools/RealtimeAsr.WhisperTestModel (a second or two, plus its first build); it refuses to produce a file whose
# checksum differs from the one pinned in tools/RealtimeAsr.WhisperTestModel/WhisperShape.cs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUT [tiny|base]" >&2
  exit 2
fi
exec dotnet run -c Release --project "$root/tools/RealtimeAsr.WhisperTestModel" -- "$@"
