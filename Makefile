# The two commands of the README, and the pieces they are made of.
# `make demo` runs a real example offline; `make test` runs every test. Both install what they need.

SWIFT ?= swift
PIPELINE := .build/debug/pipeline

.PHONY: deps build demo test examples bench clean

deps:
	@.ci/install-deps

build: deps
	$(SWIFT) build

demo: build
	$(PIPELINE) plan --summary pipelines/product-launch.yaml
	$(PIPELINE) run pipelines/product-launch.yaml --simulate
	@echo "videos: $$(ls pipelines/out/product-launch/*.mp4 | tr '\n' ' ')"

# The client's timing tests (backoff, polling, cancellation, timeouts) run first, one at a time;
# then everything else in parallel (engine runs, Chromium, terminals), which loads both cores.
test: build
	$(SWIFT) test --filter MagicHourTests --no-parallel
	$(SWIFT) test --skip MagicHourTests
	@.ci/examples
	@if [ -x .ci/conformance ]; then .ci/conformance; fi

examples: build
	@.ci/examples

bench:
	@.ci/install-deps --bench
	$(SWIFT) build -c release --product pipeline-bench
	.build/release/pipeline-bench --help

clean:
	rm -rf .build out pipelines/out pipelines/.pipeline
