#!/usr/bin/env bash
# Times the whole-store upload (PUT /v1/markets/BTC-PERP/positions) of a generated market of
# N positions (default 1,000,000, mark 50,000) over loopback: curl's time_total of each upload,
# then the median of the last half (the JIT warm). Each upload is a different file (one extra
# row), so every one writes its blob. Given several jars, runs them alternately, ROUNDS times.
# Usage: policy-server/bench/upload-bench.sh [-n N] [-u uploads] [-r rounds] JAR...
set -euo pipefail
N=1000000; UPLOADS=10; ROUNDS=1
while getopts "n:u:r:" o; do case $o in n) N=$OPTARG ;; u) UPLOADS=$OPTARG ;; r) ROUNDS=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-n N] [-u uploads] [-r rounds] JAR..." >&2; exit 2; }
PORT="${PORT:-18097}"
work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

java -jar "$1" generate --positions "$N" --seed 1 --mark 50000 --out "$work/gen" >/dev/null
for i in $(seq 0 9); do
  cp "$work/gen/positions.csv" "$work/p$i.csv"
  echo "EXTRA$i,BTC-PERP,long,1,50000,1000" >>"$work/p$i.csv"
done

for round in $(seq 1 "$ROUNDS"); do
  for jar in "$@"; do
    rm -rf "$work/data"
    java ${ADL_JAVA_OPTS:--Xmx4g} -jar "$jar" serve --port "$PORT" --data-dir "$work/data" \
        --examples "$work/no-examples" >"$work/serve.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 240); do curl -sf "http://localhost:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
    auth="Authorization: Bearer $(cat "$work/data/admin.token")"
    curl -sf -H "$auth" -H 'Content-Type: application/json' -X PUT "http://localhost:$PORT/v1/markets/BTC-PERP" \
         -d '{"lot_size": "0.001", "mark_price": "50000"}' >/dev/null
    times=()
    for i in $(seq 0 $((UPLOADS - 1))); do
      times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "$auth" -H 'Content-Type: text/csv' -X PUT \
          --data-binary @"$work/p$((i % 10)).csv" "http://localhost:$PORT/v1/markets/BTC-PERP/positions")")
    done
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    warm="$(printf '%s\n' "${times[@]:$((UPLOADS / 2))}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')"
    echo "round $round $(basename "$jar"): load $(cut -d' ' -f1 /proc/loadavg), uploads ${times[*]} s; warm median $warm s"
  done
done
