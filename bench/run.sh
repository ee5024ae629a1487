#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: builds the benchmarks jar, runs every JMH benchmark once (each in its
# own JVM), measures memory and cold starts, and writes
# bench/results/{jmh.json,footprint.json,cold-start.md,tables.md,scaling.svg}.
# Extra arguments go to JMH, e.g. `bench/run.sh RankingBenchmark` runs only that class (the report
# then shows what was run). Takes about 9 minutes and needs 12 GB of free memory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -o -q -pl bench -am package -DskipTests
out=bench/results
mkdir -p "$out"
rm -f "$out"/jmh-*.json
java -jar bench/target/benchmarks.jar -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.log"
if [ $# -eq 0 ]; then
  # the 10M market at a BTC price level, on one thread and on two
  java -jar bench/target/benchmarks.jar ScalingBenchmark -p positions=10000000 -p mark=50000 -p threads=1,2 \
    -rf json -rff "$out/jmh-10m.json" | tee -a "$out/jmh.log"
fi
java -Xms12g -Xmx12g -cp bench/target/benchmarks.jar dev.adl.bench.Footprint > "$out/footprint.json"
# Cold starts need the packaged adl.jar and its class data archive; only on a full run.
if [ $# -eq 0 ]; then
  mvn -o -q -pl policy-server -am package -DskipTests
  bench/cold-start.sh 9
fi
java -cp bench/target/benchmarks.jar dev.adl.bench.Report "$out"
