#!/usr/bin/env bash
# Installs what onejob needs at run time: the tools it drives and the libraries it links.
# Used by the Dockerfile's runtime stage and by `make demo` / `make test`, so CI exercises every line.
# Idempotent: packages already installed are skipped, and apt is not touched when nothing is missing.
set -euo pipefail

packages=(
  blender            # ldraw-svg, text-mesh, art-print
  prusa-slicer       # slice-quote
  python3-numpy      # Blender's glTF exporter imports numpy
  fonts-dejavu-core  # the default text-mesh font
  libcurl4           # HTTP and S3 transport
  openssl            # libcrypto for SigV4 and hashing
  zlib1g             # libz: inflating 3MF uploads to measure them
  ca-certificates    # TLS verification
  tini               # optional init for containers that do not provide one
  util-linux         # unshare, for the PID-1 tests
)
if [ "${ONEJOB_EXTRA_PACKAGES:-}" != "" ]; then
  # shellcheck disable=SC2206
  packages+=(${ONEJOB_EXTRA_PACKAGES})
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "runtime dependencies: all present"
  exit 0
fi

echo "runtime dependencies: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "runtime dependencies: done"
