#!/usr/bin/env bash
# What a front server costs per live stream when recognition is remote (engine type `openai`), for the capacity model
# in docs/DEPLOYMENT.md. Starts a stand-in backend that answers at once (standin_backend.py), the Release server with
# the `openai` engine pointed at it, then K `realtime-asr eval --realtime --parallel 35` clients at once for each K in
# SESSIONS/35, and reports the front process's CPU time (utime + stime from /proc) per second of audio streamed.
# The clients and the stand-in run in processes of their own, so only the front is counted.
# Usage: benchmarks/remote-front/run.sh [short|long] [K ...]   (default: short 1 2 3, then long 1 2)
#   short: the five LibriVox clips (one utterance each, 3-7 s); long: the five joined into one 24.7 s utterance, whose
#   growing window the front uploads again every second.
# Needs: scripts/setup.sh (the clips), python3, sox, a Release build (dotnet build RealtimeAsr.slnx -c Release).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/remote-front"
server="$root/src/RealtimeAsr.Server/bin/Release/net10.0/linux-x64/RealtimeAsr.Server.dll"
cli="$root/src/RealtimeAsr.Cli/bin/Release/net10.0/realtime-asr.dll"
clips=/usr/share/pocketsphinx/test/data/librivox
backend_port=9377
front_port=9378
for f in "$server" "$cli"; do [ -f "$f" ] || { echo "missing $f: run dotnet build RealtimeAsr.slnx -c Release" >&2; exit 1; }; done

work="$(mktemp -d)"
cleanup() { kill "${front:-}" "${backend:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# 35 files per client: seven copies of the five clips (short), or 35 copies of the joined recording (long).
mkdir -p "$work/short" "$work/long"
sox "$clips"/sense_and_sensibility_01_austen_64kb-0{870,880,890,920,930}.wav "$work/joined.wav"
for i in $(seq 1 7); do
  for f in "$clips"/*.wav; do cp "$f" "$work/short/$(basename "$f" .wav)-$i.wav"; done
done
for i in $(seq 1 35); do cp "$work/joined.wav" "$work/long/joined-$i.wav"; done
for f in "$work"/short/*.wav "$work"/long/*.wav; do echo "-" > "${f%.wav}.txt"; done

python3 "$here/standin_backend.py" "$backend_port" & backend=$!
dotnet "$server" --urls "http://127.0.0.1:$front_port" --Logging:LogLevel:Default=Warning \
  --RealtimeAsr:Engines:remote:Type=openai --RealtimeAsr:Engines:remote:BaseUrl="http://127.0.0.1:$backend_port/v1" \
  --RealtimeAsr:Engines:remote:Model=standin --RealtimeAsr:Engines:remote:Languages:0=en \
  --RealtimeAsr:DefaultEngine=remote --RealtimeAsr:Limits:MaxSessions=1000 > "$work/front.log" 2>&1 & front=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$front_port/readyz" > /dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$front_port/readyz" > /dev/null || { echo "the front did not start:" >&2; cat "$work/front.log" >&2; exit 1; }

front_cpu() { awk '{ print $14 + $15 }' "/proc/$front/stat"; }  # clock ticks, 100 per second
audio_seconds() { local s=0; for f in "$1"/*.wav; do s=$(echo "$s + $(soxi -D "$f")" | bc); done; echo "$s"; }

measure() {  # set, clients
  local set=$1 k=$2 c0 c1 t0 t1 audio
  c0=$(front_cpu); t0=$(date +%s.%N)
  for i in $(seq 1 "$k"); do
    dotnet "$cli" eval "$work/$set" --url "ws://127.0.0.1:$front_port/api-ws/v1/realtime" --realtime --parallel 35 \
      --json -o "$work/$set-$k-$i.json" > "$work/$set-$k-$i.out" 2>&1 &
  done
  wait $(jobs -p | grep -v -e "^$front\$" -e "^$backend\$")
  c1=$(front_cpu); t1=$(date +%s.%N)
  audio=$(echo "$(audio_seconds "$work/$set") * $k" | bc)
  python3 - "$work" "$set" "$k" "$c0" "$c1" "$t0" "$t1" "$audio" <<'PY'
import json, sys
work, set_, k, c0, c1, t0, t1, audio = sys.argv[1], sys.argv[2], int(sys.argv[3]), *map(float, sys.argv[4:])
totals = [json.load(open(f"{work}/{set_}-{k}-{i}.json"))["totals"] for i in range(1, k + 1)]
finals = sum(t["utterances"] - t["failed_utterances"] for t in totals)
failed = sum(t["failed_utterances"] + t["files_with_errors"] for t in totals)
latency = sum(t["end_of_speech_to_final_ms"]["mean"] * t["end_of_speech_to_final_ms"]["count"] for t in totals) / max(1, finals)
cpu = (c1 - c0) / 100
wall = t1 - t0
print(f"| {set_} | {35 * k} | {audio:.0f} | {cpu:.2f} | {1000 * cpu / audio:.1f} | {cpu / wall:.2f} | {finals} | {failed} | {latency:.0f} |")
PY
}

echo "| Audio | Live sessions | Audio streamed (s) | Front CPU (s) | Front CPU per stream-second (ms) | Front cores busy | Finals | Failed | End of speech → final, mean (ms) |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
measure short 1 > /dev/null  # warm-up: JIT and connection pools
if [ $# -gt 0 ]; then
  set_=$1; shift
  for k in "$@"; do measure "$set_" "$k"; done
else
  for k in 1 2 3; do measure short "$k"; done
  for k in 1 2; do measure long "$k"; done
fi
