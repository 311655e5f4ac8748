#!/usr/bin/env bash
# The image's HEALTHCHECK: GET PATH (default /readyz) from the server on loopback, with bash alone (the image has no
# curl); exit 0 on a 200, 1 otherwise. The port is the first one in ASPNETCORE_URLS (the image sets
# http://+:8765), so a container started with another port is still checked where it listens.
set -uo pipefail

path="${1:-/readyz}"
url="${ASPNETCORE_URLS:-http://127.0.0.1:8765}"
url="${url%%;*}"
port="${url##*:}"
port="${port%%/*}"

exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ "$status" == "HTTP/1.1 200 "* ]] || { echo "health: $path answered ${status%$'\r'}" >&2; exit 1; }
