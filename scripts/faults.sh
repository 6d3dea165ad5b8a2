#!/usr/bin/env bash
# Load and fault scenarios against a release pexdev on 127.0.0.1 (security.md items 23-27), one fresh server
# per scenario serving a scratch copy of sample-branding, then one table of the figures.
#
#   scripts/faults.sh                                   # slowloris, idle, reload, vanish (about 4 minutes)
#   scripts/faults.sh --only reload --reload-seconds 10
#   scripts/faults.sh --only soak --soak 30             # the 30-minute soak, RSS every 30 s
#
# Options: --only LIST (comma-separated: slowloris,idle,reload,vanish,soak), --soak MINUTES (default 3 when
# soak is in --only), --no-build; anything else is passed to pexdev-faultload (see its --help).
set -euo pipefail
cd "$(dirname "$0")/.."

only="slowloris,idle,reload,vanish"
soak_minutes=""
build=1
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
    --only) only="$2"; shift 2 ;;
    --soak) soak_minutes="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) extra+=("$1"); shift ;;
    esac
done
if [ -n "$soak_minutes" ] && [[ ",$only," != *",soak,"* ]]; then only="$only,soak"; fi

command -v wrk >/dev/null || { echo "faults.sh: wrk is needed (apt-get install -y wrk)" >&2; exit 1; }
if [ "$build" = 1 ]; then
    # One product per invocation: given twice, --product builds only the last.
    swift build -c release --product pexdev
    swift build -c release --product pexdev-faultload
fi
bin=$(swift build -c release --show-bin-path)

scratch=$(mktemp -d /tmp/pexdev-faults.XXXXXX)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# The tool raises its own descriptor limit; the server lifts its soft limit to the hard one itself.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

rows="$scratch/rows"
: >"$rows"
status=0
IFS=, read -ra scenarios <<<"$only"
for scenario in "${scenarios[@]}"; do
    rm -rf "$scratch/branding"
    cp -R sample-branding "$scratch/branding"
    log="$scratch/server-$scenario.log"
    "$bin/pexdev" serve "$scratch/branding" --port 0 >"$log" 2>&1 &
    server_pid=$!
    port=""
    for _ in $(seq 1 100); do
        port=$(sed -n 's|^  branding  http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -1)
        [ -n "$port" ] && "$bin/pexdev" health --port "$port" --quiet 2>/dev/null && break
        port=""
        sleep 0.1
    done
    if [ -z "$port" ]; then
        echo "faults.sh: pexdev did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
    echo "== $scenario: pexdev serve (pid $server_pid, port $port)"
    args=("$scenario")
    if [ "$scenario" = soak ]; then args=(--soak "${soak_minutes:-3}"); fi
    set +e
    "$bin/pexdev-faultload" "${args[@]}" --port "$port" --pid "$server_pid" --tree "$scratch/branding" "${extra[@]}" |
        tee "$scratch/out-$scenario" | grep --line-buffered -v '^row|'
    code=${PIPESTATUS[0]}
    set -e
    grep '^row|' "$scratch/out-$scenario" >>"$rows" || true
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    # What the server said about it: refusals and timeouts are info lines; warnings and errors are worth a look.
    warnings=$(grep -c '^warning:' "$log" || true)
    errors=$(grep -c '^error:' "$log" || true)
    echo "row|$scenario|server log|$(wc -l <"$log") lines, $warnings warnings, $errors errors||" >>"$rows"
    if [ "$code" != 0 ]; then status=1; fi
done

echo
echo "pexdev faults ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs)"
{
    echo "scenario|figure|value|target|verdict"
    cut -d'|' -f2- "$rows"
} | column -t -s'|'
exit "$status"
