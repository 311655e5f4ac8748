#!/usr/bin/env bash
# Runs the whole test suite (unit and end-to-end, real engine and VAD, the browser page in headless chromium),
# installing anything missing first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" --tests
cd "$root"
dotnet build RealtimeAsr.slnx -c Release
# One test project at a time: each end-to-end project runs its own server, and the box has 2 cores.
dotnet test RealtimeAsr.slnx -c Release --no-build -m:1 "$@"
