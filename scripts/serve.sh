#!/usr/bin/env bash
# Starts the server with the embedded engine (PocketSphinx en-US + Silero VAD), installing anything missing first.
# Extra arguments go to the server, e.g. --urls http://127.0.0.1:9000 or --RealtimeAsr:ApiKeys:0=secret.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
exec dotnet run -c Release --project "$root/src/RealtimeAsr.Server" -- "$@"
