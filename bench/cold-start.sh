#!/usr/bin/env bash
# Cold starts of the short commands, each a fresh JVM: the plain jar (`java -jar adl.jar`) against
# `./adl` itself (the script, the build's class data sharing archive mapped in place, the JIT's
# quick tier, the serial collector for check), measured alternately in the same run. Prints a Markdown table of medians and writes it to
# bench/results/cold-start.md. Usage: bench/cold-start.sh [runs per cell, default 9]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-9}"
jar="$root/policy-server/target/adl.jar"
archive="$root/policy-server/target/adl.jsa"
[ -f "$jar" ] && [ -f "$archive" ] || mvn -B -q -pl policy-server -am package -DskipTests

declare -A cmds=(
  [check]="check examples/reference/policy.adl"
  [run]="run --policy examples/bitmex-queue/policy.adl --positions examples/bitmex-queue/positions.csv --event examples/bitmex-queue/published-example.event.json"
  [test]="test examples"
)
declare -A labels=(
  [check]="\`adl check\` one policy"
  [run]="\`adl run\` a 10-position example"
  [test]="\`adl test examples\` (every suite)"
)
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

out=bench/results/cold-start.md
mkdir -p bench/results
{
  echo "| command | plain jar, median ms | ./adl, median ms | ratio |"
  echo "| --- | --- | --- | --- |"
  for name in check run test; do
    read -r -a args <<< "${cmds[$name]}"
    plain=(); quick=()
    for ((i = 0; i < runs; i++)); do
      plain+=("$(ms java -jar "$jar" "${args[@]}")")
      quick+=("$(ms "$root/adl" "${args[@]}")")
    done
    p=$(printf '%s\n' "${plain[@]}" | median); q=$(printf '%s\n' "${quick[@]}" | median)
    echo "| ${labels[$name]} | $p | $q | $(awk -v a="$q" -v b="$p" 'BEGIN {printf "%.2f", a / b}') |"
  done
} | tee "$out"
