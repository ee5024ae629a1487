#!/usr/bin/env bash
# Benchmarks of `adl serve` on one market of N positions (default 1,000,000) over loopback:
#   1. a bankruptcy event over HTTP: p50 and p99 latency (sequential requests, keep-alive)
#   2. time from `activate` to the first event answered by the new version
#   3. queue lookups a second with wrk at 50 connections, and their p99
# Usage: policy-server/bench/serve-bench.sh [positions] [events]   (needs wrk and python3)
# ADL_CMD=<command> runs another build of the command line instead of the ./adl launcher.
set -euo pipefail
N="${1:-1000000}"
EVENTS="${2:-200}"
PORT="${PORT:-18090}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

adl=(${ADL_CMD:-"$root/adl"})
"${adl[@]}" generate --positions "$N" --seed 1 --market BTC-PERP --out "$work/gen" >/dev/null
ADL_JAVA_OPTS="${ADL_JAVA_OPTS:--Xmx4g}" "${adl[@]}" serve --port "$PORT" --data-dir "$work/data" \
    --examples "$work/no-examples" >"$work/serve.log" 2>&1 &
server_pid=$!
ADL="http://localhost:$PORT"
for _ in $(seq 1 120); do curl -sf "$ADL/health/ready" >/dev/null && break; sleep 0.5; done
TOKEN="$(cat "$work/data/admin.token")"
AUTH="Authorization: Bearer $TOKEN"

curl -sf -H "$AUTH" -H 'Content-Type: application/json' -X PUT "$ADL/v1/markets/BTC-PERP" \
     -d '{"lot_size": "0.001", "mark_price": "1000"}' >/dev/null
start=$(date +%s%N)
curl -sf -H "$AUTH" -H 'Content-Type: text/csv' -X PUT --data-binary @"$work/gen/positions.csv" \
     "$ADL/v1/markets/BTC-PERP/positions" >/dev/null
echo "upload of $N positions: $(( ($(date +%s%N) - start) / 1000000 )) ms"
curl -sf -H "$AUTH" -H 'Content-Type: application/json' -X PUT "$ADL/v1/markets/BTC-PERP/fund" \
     -d '{"balance": "300000"}' >/dev/null
policy="$root/examples/reference/policy.adl"
sed 's/version 1/version 2/; s/max_use 50%/max_use 10%/' "$policy" >"$work/v2.adl"
for p in "$policy" "$work/v2.adl"; do
  curl -sf -H "$AUTH" -H 'Content-Type: text/plain' --data-binary @"$p" "$ADL/v1/policies" >/dev/null
done
curl -sf -H "$AUTH" -H 'Content-Type: application/json' "$ADL/v1/markets/BTC-PERP/activate" \
     -d '{"policy": "perp-queue", "version": 1}' >/dev/null

python3 - "$PORT" "$TOKEN" "$EVENTS" <<'PY'
import http.client, json, sys, time
port, token, events = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
c = http.client.HTTPConnection("localhost", port)
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def post(path, body):
    c.request("POST", path, json.dumps(body), h)
    r = c.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit(f"{path}: {r.status} {data[:300]!r}")
    return json.loads(data)
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
lat = []
for i in range(events):
    t = time.perf_counter()
    post("/v1/markets/BTC-PERP/events", {"bankrupt_account": f"L{i}", "mark_price": "1000"})
    lat.append((time.perf_counter() - t) * 1000)
print(f"event over HTTP ({events} events): p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms")
swap = []
for k in range(10):
    v = 2 if k % 2 == 0 else 1
    t = time.perf_counter()
    post("/v1/markets/BTC-PERP/activate", {"policy": "perp-queue", "version": v})
    r = post("/v1/markets/BTC-PERP/events", {"bankrupt_account": f"L{events + k}", "mark_price": "1000"})
    assert r["version"] == v, r["version"]
    swap.append((time.perf_counter() - t) * 1000)
print(f"activate -> first event on the new version (10 swaps): p50 {pct(swap, 50):.1f} ms, max {max(swap):.1f} ms")
t = time.perf_counter()
c.request("GET", "/v1/markets/BTC-PERP/queue?account=S1")
c.getresponse().read()
print(f"first queue lookup after an event (ranks the whole market): {(time.perf_counter() - t) * 1000:.0f} ms")
PY

cat >"$work/queue.lua" <<LUA
math.randomseed(1)
request = function()
  return wrk.format("GET", "/v1/markets/BTC-PERP/queue?account=S" .. math.random(0, $((N / 2 - 1))))
end
LUA
echo "queue lookups (wrk, 2 threads, 50 connections, 15 s):"
wrk -t2 -c50 -d15s --latency -s "$work/queue.lua" "$ADL" | grep -E "Requests/sec|Latency|99%|50%|Non-2xx"
