# Kith: build, run and test on Debian/Ubuntu. `make run` and `make test` install what is
# missing themselves (scripts/deps.sh) and skip that in about a second when all is there.
#
#   make deps       apt packages, rustfmt/clippy, tauri-driver, npm packages (ui/, tests/e2e/)
#   make build      the UI, the desktop app with the UI embedded, and the `kith` CLI (debug)
#   make run        deps + build, then the app on the demo workspace (created on first run)
#   make test       everything CI checks, in order, with the time of each stage (.ci/run)
#   make bindings   regenerate the TypeScript bindings in ui/src/ipc/bindings from Rust
#   make fixtures   record the engine's answers the UI's mock replays (ui/src/ipc/mock/fixtures)
#   make e2e        the end-to-end test through the real webview (needs make build)
#   make bench      benchmarks: the release app's cold start, idle memory and size; search at
#                   1M contacts, the 1M-row import against sqlite3, analytics (k-means
#                   against scikit-learn, lifetime-value fit)
#   make bench-start   the first of those alone (needs no 1M-contact data)
#   make package    a release .deb under target/release/bundle/deb/
#   make package-test  install that .deb here (apt-get), start the installed app, remove it
#   make screenshot assets/screenshot.png: the app on the demo workspace under Xvfb
#   make screenshots   docs/screenshots/: the main screens in English and 简体中文
#   make clean      remove build output (target/, ui/dist, demo database left alone)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

CARGO ?= cargo
NPM ?= npm
DEMO_DB ?= $(HOME)/.local/share/kith/demo.db
DEMO_CONTACTS ?= 2000
APP := target/debug/kith-desktop
CLI := target/debug/kith

# CI logs are read by programs (the `test result:` lines of cargo test): no colour there.
FMT_COLOR := auto
ifneq ($(filter-out false 0,$(CI)),)
FMT_COLOR := never
export CARGO_TERM_COLOR ?= never
export NO_COLOR ?= 1
export FORCE_COLOR ?= 0
endif
export CARGO_INCREMENTAL ?= $(if $(filter-out false 0,$(CI)),0,1)

STAGE := scripts/stage.sh run

.PHONY: help deps build ui app cli run test bindings fixtures e2e bench bench-start package \
  package-test screenshot screenshots clean

help:
	@sed -n '3,19s/^# \{0,1\}//p' Makefile

deps:
	@scripts/deps.sh all

# The UI is built again only when its sources changed: a new ui/dist (new mtimes, the same
# bytes) makes cargo rebuild the app that embeds it, which takes minutes in release.
UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html \
  ui/package.json ui/package-lock.json ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json
ui/dist/index.html: $(UI_SOURCES)
	$(NPM) --prefix ui run build
	@touch $@

ui: ui/dist/index.html

# The custom-protocol feature embeds ui/dist; without it the binary loads the dev server
# URL and shows a blank page.
app: ui
	$(CARGO) build -p kith-desktop --features custom-protocol

cli:
	$(CARGO) build --bin kith

build: app cli

run: deps build
	@if [[ ! -s "$(DEMO_DB)" ]]; then \
	  echo "Creating the demo workspace ($(DEMO_CONTACTS) contacts) in $(DEMO_DB)"; \
	  mkdir -p "$$(dirname "$(DEMO_DB)")"; \
	  ./$(CLI) --db "$(DEMO_DB)" demo --contacts $(DEMO_CONTACTS); \
	fi
	@if [[ -z "$${DISPLAY:-}" && -z "$${WAYLAND_DISPLAY:-}" ]]; then \
	  echo; \
	  echo "no display: DISPLAY and WAYLAND_DISPLAY are empty, so the desktop window cannot open."; \
	  echo "Start one with xvfb-run (xvfb-run -a make run), run this from a desktop session, or use the CLI:"; \
	  echo; \
	  ./$(CLI) --help; \
	  echo; \
	  echo "\$$ ./$(CLI) --db \"$(DEMO_DB)\" search 李"; \
	  ./$(CLI) --db "$(DEMO_DB)" search 李; \
	else \
	  echo "Opening Kith on $(DEMO_DB)"; \
	  KITH_DB="$(DEMO_DB)" ./$(APP); \
	fi

test:
	@scripts/stage.sh start
	@$(STAGE) deps scripts/deps.sh all
	@$(STAGE) fmt $(CARGO) fmt --all --check -- --color=$(FMT_COLOR)
	@$(STAGE) clippy $(CARGO) clippy --workspace --all-targets -- -D warnings
	@$(STAGE) engine-no-tauri scripts/check-engine-no-tauri.sh
	@$(STAGE) bindings scripts/check-bindings.sh
	@$(STAGE) cargo-test $(CARGO) test --workspace
	@$(STAGE) ui-check $(NPM) --prefix ui run check
	@$(STAGE) ui-lint $(NPM) --prefix ui run lint
	@$(STAGE) ui-test $(NPM) --prefix ui test
	@$(STAGE) build $(MAKE) --no-print-directory build
	@$(STAGE) e2e tests/e2e/run.sh
	@$(STAGE) package-test $(MAKE) --no-print-directory package-test
	@scripts/stage.sh summary
	@echo "make test: all passed"

bindings:
	$(CARGO) test --features ts --test it export_typescript_bindings
	@git status --short -- ui/src/ipc/bindings 2>/dev/null || true

# `cargo test` records them too and fails when they differ from the committed ones.
fixtures:
	KITH_RECORD_FIXTURES=1 $(CARGO) test -p kith-desktop --lib record::
	@git status --short -- ui/src/ipc/mock/fixtures 2>/dev/null || true

e2e:
	tests/e2e/run.sh

bench: deps bench-start
	$(CARGO) bench --bench search
	$(CARGO) bench --bench import
	$(CARGO) bench --bench analytics

# A release .deb. The UI is built here and tauri.conf.json's beforeBuildCommand is switched
# off: the Tauri CLI runs that command in the frontend directory, which it otherwise guesses
# by looking for a package.json (and can pick tests/e2e/). TAURI_BUILD_FLAGS adds options.
TAURI_BUILD_FLAGS ?=
package: deps ui
	TAURI_FRONTEND_PATH="$(CURDIR)/ui" ./ui/node_modules/.bin/tauri build --bundles deb \
	  --config '{"build":{"beforeBuildCommand":null}}' $(TAURI_BUILD_FLAGS)
	@ls -l target/release/bundle/deb/*.deb

# Installs the .deb on this machine (root or sudo), starts the installed app under Xvfb and
# removes the package again (PACKAGE_TEST_KEEP=1 keeps it).
package-test: package
	scripts/package-test.sh

# The release app's cold start on the demo workspace (made with the debug CLI), its idle
# memory and the sizes of the binary and the .deb.
bench-start: package cli
	scripts/bench-start.sh

# The README's screenshot: the built app on the demo workspace, under its own Xvfb, with
# the global search showing the results for 李.
screenshot: build
	scripts/screenshot.sh "$(DEMO_DB)" assets/screenshot.png 李

# The README's screens in English and 简体中文 (docs/screenshots/), through the real webview.
screenshots: build
	E2E_TEST=tests/e2e/screens.mjs tests/e2e/run.sh

clean:
	$(CARGO) clean
	rm -rf ui/dist
