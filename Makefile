# The two commands of the README, and the pieces they are made of.
# `make demo` runs a real example offline; `make test` runs every test. Both install what they need.

SWIFT ?= swift
PIPELINE := .build/debug/pipeline

.PHONY: deps build demo test lint format examples bench clean

deps:
	@.ci/install-deps

# Every target must declare what it imports (a missing declaration builds only by luck of order).
IMPORT_CHECK := --explicit-target-dependency-import-check error

build: deps
	$(SWIFT) build $(IMPORT_CHECK)

demo: build
	$(PIPELINE) plan --summary pipelines/product-launch.yaml
	$(PIPELINE) run pipelines/product-launch.yaml --simulate
	@echo "videos: $$(ls pipelines/out/product-launch/*.mp4 | tr '\n' ' ')"

# The client's timing tests (backoff, polling, cancellation, timeouts) run first, one at a time;
# then everything else in parallel (engine runs, Chromium, terminals), which loads both cores.
test: build lint
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	$(SWIFT) test --skip-build --filter MagicHourTests --no-parallel
	$(SWIFT) test --skip-build --skip MagicHourTests
	@.ci/examples
	@if [ -x .ci/conformance ]; then .ci/conformance; fi

# The style is the committed .swift-format; `make format` applies it, `make lint` checks it.
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

examples: build
	@.ci/examples

bench:
	@.ci/install-deps --bench
	$(SWIFT) build -c release --product pipeline-bench
	.build/release/pipeline-bench --help

clean:
	rm -rf .build out pipelines/out pipelines/.pipeline
