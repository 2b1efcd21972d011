# The README's two commands: `make demo` and `make test`.
SWIFT ?= swift
BIN_DIR = $(shell $(SWIFT) build --show-bin-path 2>/dev/null)

.PHONY: deps build demo test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	@scripts/demo.sh "$(BIN_DIR)"

test: deps
	@scripts/install-deps.sh --browser || echo "Browser tests will be skipped: chromium is not installed."
	$(SWIFT) build
	CONSENT_DOCTOR_BIN_DIR="$(BIN_DIR)" $(SWIFT) test

bench: deps
	$(SWIFT) build -c release
	bench/run.sh

clean:
	rm -rf .build
