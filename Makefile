# onejob — two commands do everything on a fresh Debian 12 machine:
#   make demo   installs what it needs, builds, runs examples/text-mesh.json into ./out/
#   make test   installs what it needs, runs every test
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
DEMO_JOB ?= examples/text-mesh.json
# Seconds per libFuzzer target for `make fuzz`; `make test` runs each briefly (fuzz-smoke) so they keep building.
FUZZ_SECONDS ?= 60

.PHONY: deps build demo test schema bench clean fuzz fuzz-smoke

deps:
	@scripts/install-dev-deps.sh

build: deps
	$(SWIFT) build

demo: build
	@mkdir -p out
	@bin="$$($(SWIFT) build --show-bin-path)/onejob"; \
	"$$bin" validate --job $(DEMO_JOB) >/dev/null && \
	ONEJOB_LOG_FORMAT=text "$$bin" run --job $(DEMO_JOB) --output ./out > out/last-result.json; rc=$$?; \
	echo; echo "exit code: $$rc"; \
	python3 -c 'import json,sys; r=json.load(open("out/last-result.json")); print("status:", r["status"]); [print("  ", o.get("path") or o.get("url"), o["bytes"], "bytes") for o in r["outputs"]]; print("metrics:", json.dumps(r["metrics"]))'; \
	echo "result.json and outputs are in ./out/"; exit $$rc

# Every S3 test runs with canary credentials (scripts/seaweedfs.sh); each run of the binary keeps its
# stdout and stderr, and a last pass searches all of it for the canary secrets and for signatures in clear
# (Tests/TestSupport/CapturedOutput.swift, SecretScan.swift).
CAPTURE := $(CURDIR)/.build/secret-capture
FAULT_TABLE := $(CURDIR)/.build/fault-matrix.txt

test: deps
	$(SWIFT) build --build-tests
	rm -rf $(CAPTURE)
	rm -f $(FAULT_TABLE)
	ONEJOB_TEST_CAPTURE_DIR=$(CAPTURE) ONEJOB_TEST_FAULT_TABLE=$(FAULT_TABLE) $(SWIFT) test --skip-build
	ONEJOB_TEST_SCAN_DIR=$(CAPTURE) $(SWIFT) test --skip-build --filter CapturedOutputScanTests
	@$(MAKE) --no-print-directory fuzz-smoke
	python3 -m pytest -q -p no:cacheprovider integration/deploy
	ONEJOB_BIN="$$($(SWIFT) build --show-bin-path)/onejob" python3 -m pytest -q -p no:cacheprovider integration/platforms
	@echo; cat $(FAULT_TABLE)

schema: build
	"$$($(SWIFT) build --show-bin-path)/onejob" schema > schema/job.schema.json

bench: build
	bench/text-mesh.sh

# libFuzzer targets (fuzz/README.md): built with ASan into .build-fuzz, each run for FUZZ_SECONDS.
fuzz: deps
	fuzz/build.sh
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

fuzz-smoke:
	fuzz/build.sh
	FUZZ_SECONDS=15 fuzz/run.sh

clean:
	rm -rf .build .build-fuzz out
