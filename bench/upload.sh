#!/usr/bin/env bash
# Upload benchmark: the same random files to the same local SeaweedFS with onejob and its peers
# (aws s3 cp, boto3 upload_file, rclone copyto, curl --aws-sigv4 single PUT), median of N runs each, printing
# wall time, CPU (user+sys) and peak RSS per tool, plus `openssl dgst -sha256` of the file as the hashing floor.
#
#   bench/upload.sh                  N=5 runs, 256 MiB and 1 GiB
#   N=3 SIZES="64 256" bench/upload.sh
#   ONEJOB_BIN=.build/release/onejob bench/upload.sh     include onejob (`onejob put FILE s3://BUCKET/KEY`)
#   BENCH_S3_ENV=/path/env bench/upload.sh               use a running server (env file of seaweedfs.sh)
# Tools that are missing (and cannot be installed) are skipped with a note.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
N="${N:-5}"
SIZES="${SIZES:-256 1024}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/onejob-upload-bench.XXXXXX")"
RESULTS="$WORK/results.txt"
: >"$RESULTS"

cleanup() {
    if [[ -z "${BENCH_S3_ENV:-}" ]]; then "$ROOT/scripts/seaweedfs.sh" stop "$WORK/s3" >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

need_apt() {
    command -v "$1" >/dev/null 2>&1 && return 0
    [[ "$(id -u)" == 0 ]] || return 1
    (apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; }) || return 1
}
[[ -x /usr/bin/time ]] || need_apt /usr/bin/time time || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 1; }
need_apt rclone rclone || echo "note: rclone unavailable, skipped" >&2

if [[ -n "${BENCH_S3_ENV:-}" ]]; then
    ENV_FILE="$BENCH_S3_ENV"
else
    ENV_FILE="$("$ROOT/scripts/seaweedfs.sh" start "$WORK/s3" --watch $$)"
fi
set -a
# shellcheck disable=SC1090
source "$ENV_FILE"
set +a
ENDPOINT="$AWS_ENDPOINT_URL_S3"
BUCKET="$ONEJOB_TEST_BUCKET"

export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="$ENDPOINT"
export RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
export RCLONE_CONFIG_BENCH_REGION="$AWS_REGION" RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true

curl_put() {
    local file="$1" key="$2" sha
    sha="$(sha256sum "$file" | cut -d' ' -f1)"
    curl -sS -f -o /dev/null --aws-sigv4 "aws:amz:$AWS_REGION:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
        -H "x-amz-content-sha256: $sha" -T "$file" "$ENDPOINT/$BUCKET/$key"
}
export -f curl_put
export ENDPOINT BUCKET

tools=(openssl)
[[ -n "${ONEJOB_BIN:-}" && -x "${ONEJOB_BIN:-}" ]] && tools+=(onejob) || echo "note: ONEJOB_BIN not set or not executable, onejob skipped" >&2
command -v aws >/dev/null 2>&1 && tools+=(aws) || echo "note: aws-cli missing, skipped" >&2
python3 -c "import boto3" 2>/dev/null && tools+=(boto3) || echo "note: boto3 missing, skipped" >&2
command -v rclone >/dev/null 2>&1 && tools+=(rclone)
tools+=(curl)

# Sets `cmd` to the argv that uploads $2 as key $3 with tool $1.
command_for() {
    local tool="$1" file="$2" key="$3"
    case "$tool" in
    openssl) cmd=(openssl dgst -sha256 "$file") ;;
    onejob) cmd=("$ONEJOB_BIN" put "$file" "s3://$BUCKET/$key") ;;
    aws) cmd=(aws s3 cp --only-show-errors --endpoint-url "$ENDPOINT" "$file" "s3://$BUCKET/$key") ;;
    boto3) cmd=(python3 "$HERE/upload_boto3.py" "$file" "$BUCKET" "$key") ;;
    # rclone's AWS SDK refuses AWS_CA_BUNDLE with its own transport; the endpoint is plain http anyway.
    rclone) cmd=(env -u AWS_CA_BUNDLE rclone copyto "$file" "bench:$BUCKET/$key") ;;
    curl) cmd=(bash -c 'curl_put "$1" "$2"' curl_put "$file" "$key") ;;
    esac
}

for size in $SIZES; do
    file="$WORK/random-$size.bin"
    head -c "$((size * 1024 * 1024))" /dev/urandom >"$file"
    for run in $(seq 1 "$N"); do
        for tool in "${tools[@]}"; do
            key="bench/$tool/$size-$run.bin"
            command_for "$tool" "$file" "$key"
            if /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "${cmd[@]}" >/dev/null 2>"$WORK/err.txt"; then
                echo "$size $tool $(tail -n 1 "$WORK/time.txt")" >>"$RESULTS"
            else
                echo "warning: $tool failed on $size MiB run $run: $(tail -n 3 "$WORK/err.txt")" >&2
            fi
        done
        printf '.' >&2
    done
    echo >&2
    rm -f "$file"
done

python3 "$HERE/upload_report.py" "$RESULTS"
