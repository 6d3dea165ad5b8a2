#!/usr/bin/env bash
# Checks what the Dockerfile's runtime stage promises without a Docker engine: the static release binary
# (`swift build -c release --static-swift-stdlib`) runs in a minimal Debian root file system (debootstrap
# --variant=minbase, close to debian:bookworm-slim) as the image's non-root user 10001, and there
#   - `pexdev serve /branding --host 0.0.0.0` serves the sample branding and the shell,
#   - `pexdev health` (the HEALTHCHECK, configured only by PEXDEV_* as in the image) exits 0, and 1 once stopped,
#   - `pexdev mock --scenario …` answers the scenario's conferences and its health check,
#   - SIGTERM (what `docker stop` sends) stops both with status 0.
# It also prints the binary's size (as built and stripped) and what it links (ldd).
#
#   scripts/verify-container.sh                     # builds the release binary (.build-static), reuses a cached rootfs
#   PEXDEV=path/to/pexdev scripts/verify-container.sh
#   ROOTFS=/tmp/rootfs SUITE=bookworm MIRROR=http://deb.debian.org/debian scripts/verify-container.sh
#
# Needs root (debootstrap, chroot), debootstrap (apt-get install debootstrap) and curl; the first run
# downloads about 40 MB of Debian packages and takes a few minutes; later runs reuse $ROOTFS.
# The chroot shares the host's network namespace (no Docker networking, no cgroups, no seccomp): that is
# the part a real engine adds and this script cannot check.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
rootfs=${ROOTFS:-/tmp/pexdev-rootfs-$suite}
uid=10001

say() { printf 'verify-container: %s\n' "$*" >&2; }
fail() {
    say "FAIL: $*"
    exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot)"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"
command -v curl >/dev/null || fail "curl is not installed"
chroot=$(command -v chroot) || fail "chroot is not installed (coreutils)"

# --- the binary --------------------------------------------------------------------------------------
# Its own scratch path: run from `swift test` (ContainerVerificationTests), .build is locked by the test run.
if [ -z "${PEXDEV:-}" ]; then
    scratch=${SCRATCH:-$root/.build-static}
    build=(swift build -c release --static-swift-stdlib --product pexdev --scratch-path "$scratch")
    say "building: ${build[*]}"
    (cd "$root" && "${build[@]}" >&2)
    PEXDEV="$(cd "$root" && "${build[@]}" --show-bin-path)/pexdev"
fi
[ -x "$PEXDEV" ] || fail "no pexdev binary at $PEXDEV"
work=$(mktemp -d)
pids=()
proc_mounted=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -z "$proc_mounted" ] || umount "$rootfs/proc" || true
    rm -rf "$work"
}
trap cleanup EXIT
cp "$PEXDEV" "$work/pexdev"
strip "$work/pexdev"
size() { stat -c %s "$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
say "binary: $(mib "$(size "$PEXDEV")") as built, $(mib "$(size "$work/pexdev")") stripped (target <= 30 MB)"
say "links (ldd): $(ldd "$work/pexdev" | awk '{ print $1 }' | tr '\n' ' ')"

# --- the root file system ----------------------------------------------------------------------------
if [ ! -f "$rootfs/etc/debian_version" ] || [ ! -x "$rootfs/bin/sh" ]; then
    say "debootstrap --variant=minbase $suite $rootfs $mirror (a few minutes)"
    rm -rf "$rootfs"
    debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
fi
# The Dockerfile's runtime packages: OpenSSL (node mode's TLS) and the CA bundle.
if [ ! -f "$rootfs/etc/ssl/certs/ca-certificates.crt" ] || ! ls "$rootfs"/usr/lib/*/libssl.so.3 >/dev/null 2>&1; then
    say "apt-get install libssl3 ca-certificates in the rootfs"
    chroot "$rootfs" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends libssl3 ca-certificates' \
        >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log" >&2; fail "apt-get in the rootfs failed"; }
fi
say "rootfs: $rootfs, Debian $(cat "$rootfs/etc/debian_version"), $(du -sh "$rootfs" | cut -f1)"

# What the Dockerfile's runtime stage does: the user, the binary, the branding (the compose file's bind mount).
if ! chroot "$rootfs" getent passwd "$uid" >/dev/null; then
    chroot "$rootfs" groupadd --gid "$uid" pexdev
    chroot "$rootfs" useradd --uid "$uid" --gid pexdev --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin pexdev
fi
install -m 0755 "$work/pexdev" "$rootfs/usr/local/bin/pexdev"
rm -rf "$rootfs/branding"
cp -r "$root/sample-branding" "$rootfs/branding"
chmod -R a+rX "$rootfs/branding"
# Every container runtime mounts /proc, and the binary needs it: a Swift executable with the runtime linked
# statically reads its own arguments from /proc/self/cmdline (without /proc it sees none).
if ! mountpoint -q "$rootfs/proc"; then
    mount -t proc proc "$rootfs/proc"
    proc_mounted=1
fi

# Runs pexdev in the rootfs as the image's user with only the image's environment plus "$@"'s VAR=value words.
# With --exec first, the calling (background) subshell becomes pexdev, so its $! is pexdev's pid for signals.
in_image() {
    local replace=""
    if [ "$1" = --exec ]; then
        replace=exec
        shift
    fi
    local variables=(PATH=/usr/local/bin:/usr/bin:/bin NO_COLOR=1 PEXDEV_HOST=0.0.0.0 PEXDEV_PORT=8080)
    while [ $# -gt 0 ] && [[ $1 == *=* ]]; do
        variables+=("$1")
        shift
    done
    $replace env -i "${variables[@]}" "$chroot" --userspec="$uid:$uid" "$rootfs" /usr/local/bin/pexdev "$@"
}

# The port a started server printed in its banner line starting with $2, waiting up to 10 s.
port_from() {
    local log=$1 prefix=$2 line
    for _ in $(seq 1 200); do
        line=$(grep -m1 "^$prefix" "$log" || true)
        if [ -n "$line" ]; then
            sed -E 's#.*://[^/]*:([0-9]+)/.*#\1#' <<<"$line"
            return 0
        fi
        sleep 0.05
    done
    cat "$log" >&2
    return 1
}

# Waits for process $1 to exit and checks its status is 0.
stopped_cleanly() {
    local pid=$1 status=0
    kill -TERM "$pid"
    wait "$pid" || status=$?
    [ "$status" -eq 0 ] || fail "pexdev exited with $status after SIGTERM"
}

passed=0
check() {
    say "ok: $*"
    passed=$((passed + 1))
}

in_image --version | grep -q "^pexdev " || fail "pexdev --version does not run in the rootfs"
check "pexdev --version runs in the rootfs: $(in_image --version)"

# --- serve, as the image's CMD with PEXDEV_PORT=0 so it cannot clash with the host ----------------------
in_image --exec PEXDEV_PORT=0 PEXDEV_SCENARIO=/branding/mock-scenario.json serve /branding --host 0.0.0.0 \
    >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
pids+=("$serve_pid")
port=$(port_from "$work/serve.out" "  app ") || fail "serve printed no URL: $(cat "$work/serve.err")"
check "serve /branding --host 0.0.0.0 listens on port $port as uid $uid"

health=$(in_image PEXDEV_PORT="$port" health) || fail "pexdev health exited $?: $health"
check "health (PEXDEV_HOST=0.0.0.0 PEXDEV_PORT=$port) exits 0: $health"
code=$(curl -s -o "$work/settings.json" -w '%{http_code}' "http://127.0.0.1:$port/webapp2/custom_configuration/settings.json")
[ "$code" = 200 ] && grep -q '"plugins"' "$work/settings.json" || fail "settings.json: HTTP $code"
check "GET /webapp2/custom_configuration/settings.json: 200 with the plugins"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/webapp2/?conference=meet&name=Dev")
[ "$code" = 200 ] || fail "the shell: HTTP $code"
check "GET /webapp2/ (the shell): 200"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{"display_name":"x"}' \
    "http://127.0.0.1:$port/api/client/v2/conferences/board/request_token")
[ "$code" = 403 ] || fail "in-process mock, scenario conference 'board' (PIN): HTTP $code"
check "in-process mock plays the scenario: conference 'board' asks for its PIN (403)"
stopped_cleanly "$serve_pid"
check "serve stops with status 0 on SIGTERM"
if in_image PEXDEV_PORT="$port" health >/dev/null 2>"$work/down.err"; then fail "health passed with serve stopped"; fi
check "health exits 1 once serve is stopped: $(cat "$work/down.err")"

# --- mock, as the compose file's mock service -----------------------------------------------------------
in_image --exec mock --host 0.0.0.0 --port 0 --scenario /branding/mock-scenario.json \
    >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
pids+=("$mock_pid")
mock_port=$(port_from "$work/mock.out" "  openapi ") || fail "mock printed no URL: $(cat "$work/mock.err")"
check "mock --scenario listens on port $mock_port: $(grep -o 'scenario: [^)]*' "$work/mock.out" | head -n1)"
health=$(in_image health --port "$mock_port") || fail "pexdev health against the mock exited $?"
check "health --port $mock_port (the mock) exits 0"
code=$(curl -s -o "$work/token.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"display_name":"verify"}' "http://127.0.0.1:$mock_port/api/client/v2/conferences/meet/request_token")
[ "$code" = 200 ] && grep -q '"token"' "$work/token.json" || fail "mock request_token: HTTP $code"
check "mock: request_token for 'meet' gives a token (200)"

# --- node mode, with the mock above as the node ----------------------------------------------------------
in_image --exec PEXDEV_PORT=0 PEXDEV_NODE="http://127.0.0.1:$mock_port" serve /branding --host 0.0.0.0 \
    >"$work/node.out" 2>"$work/node.err" &
node_pid=$!
pids+=("$node_pid")
node_port=$(port_from "$work/node.out" "  app ") || fail "serve --node printed no URL: $(cat "$work/node.err")"
code=$(curl -s -o "$work/node-token.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"display_name":"verify"}' "http://127.0.0.1:$node_port/api/client/v2/conferences/meet/request_token")
[ "$code" = 200 ] && grep -q '"token"' "$work/node-token.json" || fail "serve --node request_token: HTTP $code"
check "serve with PEXDEV_NODE proxies request_token to the mock node (200)"
stopped_cleanly "$node_pid"
stopped_cleanly "$mock_pid"
check "mock stops with status 0 on SIGTERM"

pids=()
say "PASS: $passed checks in $rootfs"
