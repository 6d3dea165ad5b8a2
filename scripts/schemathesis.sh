#!/usr/bin/env bash
# Fuzzes the real `pexdev mock` against its own OpenAPI document with schemathesis (from PyPI): no 5xx, and
# every status, content type, header and body must be one the document describes.
#
#   scripts/schemathesis.sh                  # builds pexdev, 25 examples per operation
#   PEXDEV=path/to/pexdev MAX_EXAMPLES=50 scripts/schemathesis.sh
#   CHECKS=all scripts/schemathesis.sh       # also schemathesis's stricter checks (405s, negative data, …)
#
# Two runs: one signed in as a host (a real token and a real participant uuid, so the happy paths are
# reached), one with whatever schemathesis generates (mostly the 403/404/400 paths, and the event stream).
# Calls that end the shared session (release_token, refresh_token, disconnect) and the event stream (it
# never ends) are left out of the signed-in run. Exits non-zero if either run fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
max_examples=${MAX_EXAMPLES:-25}
checks=${CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance}
budget=${TIMEOUT_SECONDS:-300}
venv=${SCHEMATHESIS_VENV:-/tmp/pexdev-schemathesis}
st="$venv/bin/schemathesis"

say() { printf 'schemathesis.sh: %s\n' "$*" >&2; }

# --- schemathesis, in its own venv (Debian's Python refuses a system-wide pip install) ---------------
if ! "$st" --version >/dev/null 2>&1; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        say "python3 -m venv failed; installing python3-venv with apt"
        apt-get install -y -q python3-venv python3-pip >/dev/null
        python3 -m venv "$venv"
    fi
    say "installing schemathesis into $venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis
fi
say "$("$st" --version)"

# --- the binary ---------------------------------------------------------------------------------------
pexdev=${PEXDEV:-}
if [[ -z "$pexdev" ]]; then
    (cd "$root" && swift build --product pexdev >&2)
    pexdev="$(cd "$root" && swift build --show-bin-path)/pexdev"
fi
[[ -x "$pexdev" ]] || { say "no pexdev binary at $pexdev"; exit 2; }

work=$(mktemp -d /tmp/pexdev-schemathesis-run.XXXXXX)
"$pexdev" mock --port 0 >"$work/mock.log" 2>&1 &
mock_pid=$!
cleanup() {
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The banner's "api" line names the port it picked.
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|^ *api .*http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$work/mock.log" | head -n 1)
    [[ -n "$port" ]] && break
    kill -0 "$mock_pid" 2>/dev/null || { say "pexdev mock exited:"; cat "$work/mock.log" >&2; exit 2; }
    sleep 0.1
done
[[ -n "$port" ]] || { say "no 'api' line in pexdev mock's banner within 10 s"; cat "$work/mock.log" >&2; exit 2; }
base="http://127.0.0.1:$port/api/client/v2"
say "pexdev mock on port $port"

# --- a host session and a participant to aim at -------------------------------------------------------
token=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"display_name": "schemathesis"}' \
    "$base/conferences/meet/request_token" | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["token"])')
carol=$(curl -sf -H "token: $token" "$base/conferences/meet/participants" | python3 -c '
import json, sys
print(next(p["uuid"] for p in json.load(sys.stdin)["result"] if p["display_name"] == "Carol Guest"))')
[[ -n "$token" && -n "$carol" ]] || { say "could not join 'meet' to get a token"; exit 2; }

# --- the runs -----------------------------------------------------------------------------------------
status=0
run() {
    local name=$1 config=$2
    shift 2
    say "run '$name': $*"
    # Run inside $work: schemathesis and hypothesis leave caches (.schemathesis/, .hypothesis/) in the current
    # directory, and $work goes away on exit. --generation-database none: no examples replayed from earlier runs.
    if ! (cd "$work" && timeout "$budget" "$st" --config-file "$config" run "$base/openapi.json" \
        --checks "$checks" --max-examples "$max_examples" --request-timeout 5 --workers 1 \
        --generation-database none --no-color "$@") 2>&1 | tee "$work/$name.txt"; then
        say "run '$name' FAILED"
        status=1
    fi
    grep -E '^  [0-9]+ generated' "$work/$name.txt" | sed "s/^ */  [$name] /" >&2 || true
}

# A transfer target is any alias on the node; mostly aim at one that exists, or nearly every transfer is a 400.
cat >"$work/host.toml" <<EOF
[dictionaries.aliases]
values = ["meet", "meet.alice", "MEET"]

[parameters]
"body.conference_alias" = { dictionary = "aliases", probability = 0.7 }
"path.alias" = "meet"
"path.uuid" = "$carol"
"header.token" = "$token"
EOF
run host "$work/host.toml" \
    --exclude-operation-id events --exclude-operation-id releaseToken --exclude-operation-id refreshToken \
    --exclude-operation-id participantDisconnect

cat >"$work/anyone.toml" <<EOF
[parameters]
"path.alias" = "meet"
EOF
run anyone "$work/anyone.toml"

if [[ $status -ne 0 ]]; then say "FAILED (see the runs above)"; else say "passed"; fi
exit $status
