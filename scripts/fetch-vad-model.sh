#!/usr/bin/env bash
# Fetches the Silero VAD v6 model into DEST from the npm package that ships it, checked against a pinned SHA-256.
# Nothing is fetched when DEST already holds that file. npm's own cache is used when it has the package
# (--prefer-offline), so a second machine-local copy costs no download.
# Used by scripts/setup.sh (into models/, beside the sources) and by the Dockerfile's `vad` stage (into the image).
set -euo pipefail

vad_package="@ricky0123/vad-web@0.0.31"
vad_member="package/dist/silero_vad_v6.onnx"
vad_sha256="1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"

dest="${1:?usage: fetch-vad-model.sh DEST (the .onnx file to write)}"
if echo "$vad_sha256  $dest" | sha256sum --check --status 2>/dev/null; then
  exit 0
fi

echo "fetch-vad-model: fetching Silero VAD v6 from npm $vad_package" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent --prefer-offline "$vad_package" >/dev/null && tar -xzf ./*.tgz "$vad_member")
echo "$vad_sha256  $work/$vad_member" | sha256sum --check --status \
  || { echo "fetch-vad-model: checksum mismatch for $vad_member" >&2; exit 1; }
install -D -m 0644 "$work/$vad_member" "$dest"
