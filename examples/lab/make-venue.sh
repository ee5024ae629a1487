#!/usr/bin/env bash
# Writes a lab venue of synthetic markets with `adl generate`: one positions.csv over every
# market (the same seed per market each time, so the same files) and markets.csv, all markets
# on queue.adl and one shared fund (buffers.json, when the folder has none). A venue does not
# carry positions already under maintenance margin: the generator's scattered entries leave
# some, so they are dropped (except its one BANKRUPT row per market, an account that has
# already failed), and the store's house position takes the imbalance this leaves.
# Usage: make-venue.sh OUT_DIR POSITIONS_PER_MARKET MARKET:MARK [MARKET:MARK ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
adl="$here/../../adl"
out="$1"; per="$2"; shift 2
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "account,market,side,size,entry_price,collateral" > "$out/positions.csv"
echo "market,lot_size,mark_price,maintenance_margin,policy" > "$out/markets.csv"
seed=1
for spec in "$@"; do
  market="${spec%%:*}"; mark="${spec##*:}"
  "$adl" generate --positions "$per" --seed "$seed" --market "$market" --mark "$mark" --out "$tmp/$market" >/dev/null
  tail -n +2 "$tmp/$market/positions.csv" | awk -F, -v m="$mark" '
    $1 == "BANKRUPT" { print; next }
    { s = ($3 == "long") ? 1 : -1; eq = $6 + s * $4 * (m - $5); if (eq >= 0.01 * $4 * m) print }' >> "$out/positions.csv"
  echo "$market,0.001,$mark,0.01,queue.adl" >> "$out/markets.csv"
  seed=$((seed + 1))
done
[ -f "$out/buffers.json" ] || echo '{"layers": {"shared-fund": {"balance": "10000000"}}}' > "$out/buffers.json"
[ -f "$out/queue.adl" ] || cp "$here/queue.adl" "$out/queue.adl"
