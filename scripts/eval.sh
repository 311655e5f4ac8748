#!/usr/bin/env bash
# Measures the server with its default engine on the evaluation set (eval/README.md) with `realtime-asr eval`, beside
# the stock pocketsphinx_continuous on the same files. Reports go to artifacts/eval/. Extra arguments go to every
# `realtime-asr eval` run, e.g. --manual or --realtime. Takes about 10 minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/eval-set.sh"
cd "$root"
dotnet build src/RealtimeAsr.Server -c Release -v quiet -nologo >/dev/null
dotnet build src/RealtimeAsr.Cli -c Release -v quiet -nologo >/dev/null

out="$root/artifacts/eval"
mkdir -p "$out"
port="${EVAL_PORT:-8799}"
dotnet src/RealtimeAsr.Server/bin/Release/net10.0/linux-x64/RealtimeAsr.Server.dll --urls "http://127.0.0.1:$port" \
  > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

cli=(dotnet src/RealtimeAsr.Cli/bin/Release/net10.0/linux-x64/realtime-asr.dll)
for part in tuning held-out espeak; do
  echo "== $part: server ($*)"
  "${cli[@]}" eval "eval/$part.tsv" --url "ws://127.0.0.1:$port" --output "$out/$part.json" "$@"
  echo "== $part: stock pocketsphinx_continuous"
  ./scripts/eval-stock.sh "eval/$part.tsv" > "$out/$part.stock.txt"
  sed -n '/SPKR/,$p' "$out/$part.stock.txt"
done
