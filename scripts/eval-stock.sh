#!/usr/bin/env bash
# The baseline for `realtime-asr eval`: Debian's stock `pocketsphinx_continuous -infile FILE` (its own VAD, its running
# cepstral mean carried from one utterance to the next) on every file of a manifest, scored by NIST sclite.
# Usage: scripts/eval-stock.sh eval/held-out.tsv [more manifests...]   (run scripts/eval-set.sh first)
set -euo pipefail

command -v pocketsphinx_continuous >/dev/null && command -v sctk >/dev/null \
  || { echo "eval-stock: needs the apt packages pocketsphinx and sctk (scripts/setup.sh installs them)" >&2; exit 1; }

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
: > "$work/ref.trn"; : > "$work/hyp.trn"
for manifest in "$@"; do
  base="$(dirname "$manifest")"
  while IFS=$'\t' read -r audio reference _; do
    case "$audio" in ''|'#'*) continue ;; esac
    [[ "$audio" = /* ]] || audio="$base/$audio"
    name="$(basename "$audio" .wav)"
    variant="${name#*.}"; [ "$variant" = "$name" ] && variant=clean
    id="${variant//-/}-${name%%.*}"   # sclite groups by the part before the first '-': one row per variant
    hypothesis="$(pocketsphinx_continuous -infile "$audio" -logfn /dev/null 2>/dev/null | tr '\n' ' ')"
    printf '%s (%s)\n' "$reference" "$id" >> "$work/ref.trn"
    printf '%s (%s)\n' "$hypothesis" "$id" >> "$work/hyp.trn"
    printf '%s\t%s\n' "$id" "$hypothesis"
  done < "$manifest"
done
# Counts per variant (clean, quiet, ...) and overall (Corr Sub Del Ins Err), sclite's default alignment weights.
sctk sclite -r "$work/ref.trn" trn -h "$work/hyp.trn" trn -i rm -o sum stdout \
  | sed -n '/SPKR/,/Sum\/Avg/p'
