#!/usr/bin/env bash
# Builds the class data sharing archive that `./adl` maps at start: the classes the short
# commands load (check, compile, run, test), listed by running each once over the examples,
# then dumped into one static archive. Usage: class-archive.sh JAVA JAR ARCHIVE (from the
# repository root). A failing example is not this script's concern: it archives what ran.
set -uo pipefail
java="$1"; jar="$2"; archive="$3"
lists="$(mktemp -d)"
trap 'rm -rf "$lists"' EXIT
train() {
  local name="$1"; shift
  "$java" -XX:DumpLoadedClassList="$lists/$name.lst" -jar "$jar" "$@" >/dev/null 2>&1 || true
}
train check check examples/reference/policy.adl
train compile compile examples/reference/policy.adl --programs
train run run --policy examples/bitmex-queue/policy.adl --positions examples/bitmex-queue/positions.csv \
    --event examples/bitmex-queue/published-example.event.json
train test test examples
cat "$lists"/*.lst | sort -u > "$lists/all.lst"
rm -f "$archive"
"$java" -Xshare:dump -XX:SharedClassListFile="$lists/all.lst" -XX:SharedArchiveFile="$archive" -cp "$jar"
