#!/usr/bin/env bash
# Installs what RealtimeAsr needs on Debian 12: the PocketSphinx engine and its en-US model, the stock
# pocketsphinx_continuous (the baseline tests and scripts/eval-stock.sh compare with), test audio tools, and the
# Silero VAD v6 model (from the npm package that ships it), checked against a pinned SHA-256, and clang + zlib for the
# packaging test that publishes a native AOT client application, and libgomp1 (OpenMP), which the whisper.cpp natives of
# Whisper.net.Runtime link against. Idempotent.
# --tests also installs what only the tests need: Debian's chromium, the headless browser the page tests drive
# (tests/RealtimeAsr.Browser.Tests), so that scripts/serve.sh does not pull a browser.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(libpocketsphinx3 pocketsphinx pocketsphinx-en-us pocketsphinx-testdata espeak-ng sox opus-tools sctk clang zlib1g-dev libgomp1)
vad_package="@ricky0123/vad-web@0.0.31"
vad_member="package/dist/silero_vad_v6.onnx"
vad_sha256="1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"
vad_path="$root/models/silero_vad_v6.onnx"

for argument in "$@"; do
  case "$argument" in
    --tests) packages+=(chromium) ;;
    *) echo "setup: unknown option '$argument' (known: --tests)" >&2; exit 2 ;;
  esac
done
command -v npm >/dev/null || packages+=(npm)  # only to fetch the VAD model from the npm registry
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! echo "$vad_sha256  $vad_path" | sha256sum --check --status 2>/dev/null; then
  echo "setup: fetching Silero VAD v6 from npm $vad_package" >&2
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$vad_package" >/dev/null && tar -xzf ./*.tgz "$vad_member")
  echo "$vad_sha256  $work/$vad_member" | sha256sum --check --status \
    || { echo "setup: checksum mismatch for $vad_member" >&2; exit 1; }
  mkdir -p "$(dirname "$vad_path")"
  install -m 0644 "$work/$vad_member" "$vad_path"
fi
echo "setup: ready (VAD model at $vad_path)" >&2
