#!/usr/bin/env bash
# Runs pexdev's libFuzzer targets (Fuzz/) with AddressSanitizer, each for a bounded time, starting from the
# seed corpus in Fuzz/Corpus/<target>. New interesting inputs go to a scratch corpus; `--keep` merges them
# back into the repository's corpus (minimised). Exits non-zero if any target crashed; crash inputs are kept
# in Fuzz/crashes/ (git-ignored) to turn into tests.
#
#   scripts/fuzz.sh                   # 60 s per target
#   SECONDS_PER_TARGET=600 scripts/fuzz.sh --keep
#   scripts/fuzz.sh FuzzZipReader     # one target
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${SECONDS_PER_TARGET:-60}
keep=false
targets=()
for argument in "$@"; do
    case "$argument" in
        --keep) keep=true ;;
        *) targets+=("$argument") ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(FuzzHTTPParser FuzzJSONReader FuzzZipReader FuzzRequestPath FuzzResponseParser)

cd "$root/Fuzz"
echo "fuzz: building (release, fuzzer + address sanitizer)" >&2
swift build -c release --sanitize=fuzzer --sanitize=address 2>&1 | grep -vE "Cannot export local symbol" >&2
bin=$(swift build -c release --sanitize=fuzzer --sanitize=address --show-bin-path)

mkdir -p "$root/Fuzz/crashes"
status=0
for target in "${targets[@]}"; do
    work=$(mktemp -d)
    log="$work/log"
    # -rss_limit_mb and -timeout: a run that balloons or stalls on one input is a finding, not a hang.
    if ! timeout $((seconds + 60)) "$bin/$target" "$work" "$root/Fuzz/Corpus/$target" \
        -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -max_len=65536 \
        -artifact_prefix="$root/Fuzz/crashes/$target-" >"$log" 2>&1; then
        status=1
        echo "fuzz: $target FAILED — see Fuzz/crashes/ and the end of its log:" >&2
        tail -n 30 "$log" >&2
    fi
    runs=$(grep -oE "Done [0-9]+ runs" "$log" | grep -oE "[0-9]+" || echo "?")
    coverage=$(grep -oE "cov: [0-9]+" "$log" | tail -n 1 | grep -oE "[0-9]+" || echo "?")
    echo "fuzz: $target: $runs executions in ${seconds}s, coverage $coverage, $(ls "$work" | wc -l) new inputs"
    if $keep; then
        "$bin/$target" -merge=1 "$root/Fuzz/Corpus/$target" "$work" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
done
exit $status
