#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/<target>/) with AddressSanitizer into .build-fuzz.
#
# ONEJOB_FUZZ=1 switches Package.swift to its fuzzing layout (see the end of Package.swift); a separate
# scratch path keeps these instrumented objects away from the .build that `swift build` and `make test` use.
# `--sanitize=fuzzer` makes SwiftPM link libFuzzer's main; the explicit `-sanitize=fuzzer,address` is needed
# because the driver keeps only the last `-sanitize=` flag, so two `--sanitize` options would leave the code
# without coverage instrumentation.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
mkdir -p .build-fuzz
set +e
ONEJOB_FUZZ=1 swift build --scratch-path .build-fuzz \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address "$@" 2>&1 |
    grep -v -e "Cannot export local symbol '__asan" -e "unhandled; explicitly declare them"
status=${PIPESTATUS[0]}
set -e
exit "$status"
