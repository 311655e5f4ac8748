#!/usr/bin/env bash
# Publishes the server into OUT: framework-dependent, linux-x64 (the project's RuntimeIdentifier), Release. This folder
# is the image's /app. Run by the Dockerfile's `build` stage; tests/RealtimeAsr.Deployment.Tests runs it too, passing
# --no-build after the solution's own Release build. Extra arguments go to `dotnet publish`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: publish-server.sh OUT [dotnet publish arguments...]}"
shift

dotnet publish "$root/src/RealtimeAsr.Server/RealtimeAsr.Server.csproj" \
  --configuration Release --self-contained false --output "$out" -p:UseAppHost=false "$@"
