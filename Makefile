# onejob — two commands do everything on a fresh Debian 12 machine:
#   make demo   installs what it needs, builds, runs examples/text-mesh.json into ./out/
#   make test   installs what it needs, runs every test
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
DEMO_JOB ?= examples/text-mesh.json

.PHONY: deps build demo test test-secrets schema bench clean

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 -m pytest -q -p no:cacheprovider integration/deploy
	ONEJOB_BIN="$$($(SWIFT) build --show-bin-path)/onejob" python3 -m pytest -q -p no:cacheprovider integration/platforms

# The whole suite once with every binary run's output kept, then searched for the canary secret keys and
# for signatures in clear (Tests/TestSupport/CapturedOutput.swift).
test-secrets: deps
	$(SWIFT) build --build-tests
	rm -rf .build/secret-capture
	ONEJOB_TEST_CAPTURE_DIR="$$PWD/.build/secret-capture" $(SWIFT) test --skip-build
	ONEJOB_TEST_SCAN_DIR="$$PWD/.build/secret-capture" $(SWIFT) test --skip-build --filter CapturedOutputScanTests

schema: build
	"$$($(SWIFT) build --show-bin-path)/onejob" schema > schema/job.schema.json

bench: build
	bench/text-mesh.sh

clean:
	rm -rf .build out
