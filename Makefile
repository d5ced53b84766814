# The two commands of the README, and the pieces they are made of.
# `make demo` runs a real example offline; `make test` runs every test. Both install what they need.

SWIFT ?= swift
PIPELINE := .build/debug/pipeline
# `make install PREFIX=~/.local` installs there instead.
PREFIX ?= /usr/local
FIRST_BUILD_NOTE := @echo "building pipeline (the first build takes several minutes: the dependencies are compiled once)"

.PHONY: deps build demo install test lint format examples bench clean

deps:
	@.ci/install-deps

# Every target must declare what it imports (a missing declaration builds only by luck of order).
IMPORT_CHECK := --explicit-target-dependency-import-check error

build: deps
	$(FIRST_BUILD_NOTE)
	$(SWIFT) build $(IMPORT_CHECK)

# Only the `pipeline` executable: the demo needs nothing else (not the benchmarks, not the tests).
demo: deps
	$(FIRST_BUILD_NOTE)
	$(SWIFT) build $(IMPORT_CHECK) --product pipeline
	$(PIPELINE) plan --summary pipelines/product-launch.yaml
	$(PIPELINE) run pipelines/product-launch.yaml --simulate
	@echo "videos: $$(ls pipelines/out/product-launch/*.mp4 | tr '\n' ' ')"
	@echo "binary: $(CURDIR)/$(PIPELINE) (make install puts it in $(PREFIX)/bin)"

# A release build of `pipeline` into PREFIX/bin, and its shell completions where bash, zsh and
# fish look for them: PREFIX/share/bash-completion/completions, zsh/site-functions, fish/vendor_completions.d.
install: deps
	$(FIRST_BUILD_NOTE)
	$(SWIFT) build -c release --product pipeline
	@bin="$$($(SWIFT) build -c release --show-bin-path)/pipeline"; \
	set -e; \
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
		"$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"; \
	install -m 755 "$$bin" "$(DESTDIR)$(PREFIX)/bin/pipeline"; \
	"$$bin" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/pipeline"; \
	"$$bin" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_pipeline"; \
	"$$bin" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/pipeline.fish"; \
	echo "installed: $(DESTDIR)$(PREFIX)/bin/pipeline (and its bash, zsh and fish completions)"

# The client's timing tests (backoff, polling, cancellation, timeouts) run first, one at a time;
# then everything else in parallel (engine runs, Chromium, terminals), which loads both cores.
# Both run inside .ci/with-postgres: a throwaway PostgreSQL on loopback for the PostgreSQL store's
# tests (PIPELINE_TEST_POSTGRES_URL), stopped and deleted afterwards. Then the examples, the
# vendor's Python SDK against the fake, and the OpenAPI conformance.
test: build lint
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	.ci/with-postgres sh -c '$(SWIFT) test --skip-build --filter MagicHourTests --no-parallel && $(SWIFT) test --skip-build --skip MagicHourTests'
	@.ci/examples
	@.ci/sdk-test
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
