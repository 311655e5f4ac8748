#!/usr/bin/env bash
# Installs, on Debian 12, what the server needs at run time beside the .NET runtime: Debian's PocketSphinx and its
# en-US model (the embedded engine binds libpocketsphinx.so.3, PocketSphinx 5prealpha, which is Debian 12's), OpenMP
# for the whisper.cpp natives of Whisper engines, CA certificates for https/wss backends (vLLM behind TLS, Alibaba
# Cloud), and the .NET runtime's own dependencies (no ICU: the server runs with InvariantGlobalization).
# Run by the Dockerfile's `runtime` stage, as root, on debian:bookworm-slim.
# --print lists the packages and installs nothing (tests/RealtimeAsr.Deployment.Tests checks them on this machine).
set -euo pipefail

packages=(ca-certificates tzdata libc6 libgcc-s1 libstdc++6 libssl3 zlib1g libgomp1 libpocketsphinx3 pocketsphinx-en-us)

if [[ "${1:-}" == "--print" ]]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
rm -rf /var/lib/apt/lists/*
