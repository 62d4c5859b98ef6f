#!/usr/bin/env bash
# Builds the libFuzzer target of the campaign language and runs it.
#
#   Fuzz/run.sh [SECONDS] [extra libFuzzer flags...]      (default 60 seconds)
#
# The target is Sources/RuleDSL/*.swift and Fuzz/FuzzTarget.swift compiled as one module with swiftc
# (-sanitize=fuzzer,address), so Package.swift is untouched. The seed corpus is campaigns/*.lurk and every .lurk
# file of Tests/SpecExamples; new interesting inputs are kept in .build-fuzz/corpus, crashes in fuzz-out/.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="$root/.build-fuzz"
corpus="$build/corpus"
mkdir -p "$build" "$corpus" "$root/fuzz-out"

swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name RuleDSLFuzz \
    "$root"/Sources/RuleDSL/*.swift "$root"/Fuzz/FuzzTarget.swift \
    -o "$build/fuzz-rule-dsl"

find "$root/campaigns" "$root/Tests/SpecExamples" -name '*.lurk' -exec cp {} "$corpus/" \;

cd "$root"
exec "$build/fuzz-rule-dsl" "$corpus" \
    -dict="$root/Fuzz/lurk.dict" \
    -max_total_time="$seconds" \
    -max_len=4096 \
    -timeout=10 \
    -rss_limit_mb=4096 \
    -print_final_stats=1 \
    -artifact_prefix="$root/fuzz-out/" \
    "$@"
