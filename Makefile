# Everything a developer or CI runs. Go is needed, and for the provider's
# acceptance tests a Terraform or OpenTofu 1.11 or later. Four modules
# (docs/maintainers-modules.md): the library and CLI at the root; what only
# maintainers run in internal/maintainer (the generator, pagecut, refresh,
# and oapi-codegen and staticcheck as tools), so that none of it is in a
# consumer's module graph; spec-diff's oasdiff and apidiff in
# internal/cmd/specdiff (it also needs git, to read BASE); the Terraform
# provider in terraform-provider-xisecrets. Each target runs in every
# module it concerns.
GO ?= go
# The modules, each a directory with its go.mod, the root's first.
MODULES := . internal/maintainer internal/cmd/specdiff terraform-provider-xisecrets
# A count, not a duration: with a duration, Go's fuzz coordinator can report
# its own deadline as a failure ("context deadline exceeded") when the time
# runs out on a loaded machine, e.g. while it replays a large cached corpus.
FUZZTIME ?= 5000x
BASE ?= HEAD
VENDOR ?=

# internal/cmd/specdiff is a module of its own (oasdiff needs a newer
# kin-openapi than gen/ and the fake are built with): build it there, run it
# on this tree. Built rather than go run, which turns every failure into
# exit status 1.
specdiff = bin=$$(mktemp -d) && trap 'rm -rf "$$bin"' EXIT && \
	$(GO) -C internal/cmd/specdiff build -o "$$bin/specdiff" . && \
	"$$bin/specdiff" -repo "$(CURDIR)" -base "$(BASE)"

.PHONY: generate spec-diff pages verify test test-all bench bench-instr size lint fuzz demo install ci

## generate: merge api/*.yaml into gen/openapi.yaml, regenerate gen/*.go, summarise what changed
generate:
	$(GO) generate ./...
	@$(specdiff) -summary

## spec-diff: wire and Go API changes of the working tree against BASE (default HEAD); exit 1 if any breaks
spec-diff:
	@$(specdiff)

## pages: re-cut every page of api/ cut from the vendor's OpenAPI document, from a newer one: make pages VENDOR=path/to/openapi.json
pages:
	$(GO) -C internal/maintainer run ./cmd/pagecut -C ../.. -refresh -in "$(VENDOR)" -api api

## refresh: re-cut, regenerate and report from the vendor's document into refresh-report.md: make refresh VENDOR=path-or-URL (scripts/refresh keeps the tool's exit status)
.PHONY: refresh actionlint
refresh:
	scripts/refresh "$(VENDOR)"

## actionlint: check the GitHub workflows (part of make lint); run as a pinned module, outside go.mod
actionlint:
	$(GO) run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
lint: actionlint

## verify: regenerate in a scratch copy and fail if gen/ differs (the drift check)
verify:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	tar --exclude=./.git -cf - . | tar -xf - -C "$$tmp" && \
	(cd "$$tmp" && $(GO) generate ./...) && \
	if ! diff -r gen "$$tmp/gen"; then \
		echo "verify: gen/ is out of date with api/ - run 'make generate' and commit" >&2; exit 1; \
	fi && echo "verify: gen/ matches api/"

# Every module's tests, each go test with the flags given: the root
# module's in the foreground, the other three one after the other beside it
# (their output follows the root's), and the recipe fails if any failed.
# Run side by side, the others fill the cores the root module leaves idle
# while its slowest packages finish; one at a time, not both, so that no
# more test binaries run at once than -p says twice over.
gotest = log=$$(mktemp) && trap 'rm -f "$$log"' EXIT && \
	{ { $(GO) -C internal/maintainer test $(1) ./... && $(GO) -C internal/cmd/specdiff test $(1) ./... && \
		$(GO) -C terraform-provider-xisecrets test $(1) ./...; } >"$$log" 2>&1 & sub=$$!; } && \
	{ $(GO) test $(1) ./...; main=$$?; } ; \
	wait $$sub; subst=$$?; cat "$$log"; [ $$main -eq 0 ] && [ $$subst -eq 0 ]

# The Terraform the provider's acceptance tests run, or a clear failure.
require_terraform = terraform-provider-xisecrets/require-terraform.sh

# Test binaries run at once in make test: twice the cores, because several
# packages spend much of their run waiting (retry back-offs, child processes,
# shells), which a CPU-bound package can use; more contention than that
# slows timing-sensitive tests for no gain (BENCHMARKS.md, Test suite time).
TESTP ?= $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2) * 2 )))

## test: every package's tests, race detector on, less the slowest end-to-end cases (-short); the keyring tests need dbus-run-session and gnome-keyring-daemon
test:
	@command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null || \
		echo "make test: no dbus-run-session or gnome-keyring-daemon: the tests against a real Secret Service are SKIPPED (apt-get install gnome-keyring dbus; make ci requires them)"
	@$(require_terraform) >/dev/null 2>&1 || \
		echo "make test: no Terraform or OpenTofu 1.11 or later on PATH: the provider's smoke test is SKIPPED (make test-all and make ci require one)"
	@$(call gotest,-race -short -count=1 -p $(TESTP))

## test-all: every test, race detector on, end-to-end cases included (the vendor corpus, spec-diff's scratch repositories, the provider's acceptance suite, which needs a Terraform or OpenTofu 1.11 or later on PATH)
test-all: export XISECRETS_REQUIRE_TERRAFORM := 1
test-all:
	@$(require_terraform) >/dev/null
	@$(call gotest,-race -count=1)

## bench: every benchmark of every module, 6 runs each for benchstat
bench:
	for mod in $(MODULES); do $(GO) -C $$mod test -run='^$$' -bench=. -benchmem -count=6 ./... || exit 1; done | tee bench.txt

## bench-apply: apply of 400 changed names through a loopback host adding 50 ms a request, at --parallel 1 and 8, and under a 429 storm
.PHONY: bench-apply
bench-apply:
	$(GO) test -run='^$$' -bench='^BenchmarkApplyDelayed$$' -benchtime=1x ./cmd/xisecrets/internal/commands

## bench-generate: time go generate on the vendor's whole API (314 pages) in a scratch copy, three warm runs
.PHONY: bench-generate
bench-generate:
	scripts/bench-generate

## bench-instr: instructions per client call (callgrind; needs valgrind), stable on a loaded machine
bench-instr:
	internal/benchinstr/instructions.sh

## bench-startup: instructions of `xisecrets version` against a net/http + encoding/json floor, layer by layer (callgrind; fails over 24.5M)
.PHONY: bench-startup
bench-startup:
	internal/benchinstr/startup.sh

## size: how much larger client makes a program than net/http + encoding/json doing the same call (budget 630,000 B), and how many modules a consumer's go list -m all shows (at most 40)
size:
	$(GO) test -count=1 -v -run='^(TestConsumerSizeOverFloor|TestConsumerModuleGraph)$$' ./internal/sizecheck

## lint: no tracked executable or file over 4 MiB, gofmt, go vet and go mod tidy -diff of every module (and of the library and CLI for macOS and Windows, whose keyrings and terminals differ), staticcheck
lint: staticcheck
	$(GO) run ./internal/cmd/trackedfiles
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l .); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted" >&2; exit 1; fi
	for mod in $(MODULES); do $(GO) -C $$mod vet ./... && $(GO) -C $$mod mod tidy -diff || exit 1; done
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) vet ./...

## staticcheck: staticcheck of every module, built once from internal/maintainer's go.mod, which pins it
.PHONY: staticcheck
staticcheck:
	@bin=$$(mktemp -d) && trap 'rm -rf "$$bin"' EXIT && \
	$(GO) -C internal/maintainer build -o "$$bin/staticcheck" honnef.co/go/tools/cmd/staticcheck && \
	for mod in $(MODULES); do echo "staticcheck $$mod"; (cd $$mod && "$$bin/staticcheck" ./...) || exit 1; done

## fuzz-spec: TestGrammarPages with a larger budget: make fuzz-spec N=2000 SEED=7 (make ci runs its default, 250 pages of seed 1)
N ?= 1000
SEED ?= 1
.PHONY: fuzz-spec
fuzz-spec:
	XISECRETS_SPECFUZZ_PAGES=$(N) XISECRETS_SPECFUZZ_SEED=$(SEED) $(GO) -C internal/maintainer test -count=1 -v -timeout 0 -run '^TestGrammarPages$$' ./specmerge

## fuzz: a short run of each fuzz target of every module
fuzz:
	@for mod in $(MODULES); do \
		for pkg in $$($(GO) -C $$mod list ./...); do \
			for target in $$($(GO) -C $$mod test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
				echo "fuzz $$pkg $$target"; \
				$(GO) -C $$mod test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
			done; \
		done; \
	done

## demo: build the CLI, start the fake on a free loopback port, run a secret's life cycle
demo:
	@echo "demo: compiling the demo and the CLI (about 15 s the first time)..."
	GO=$(GO) $(GO) run ./internal/cmd/demo

## install: build the CLI from this clone into $(go env GOBIN), else $(go env GOPATH)/bin
install:
	$(GO) install ./cmd/xisecrets

# Releases. goreleaser (and, for the SBOMs, cyclonedx-gomod: see
# .goreleaser.yaml) run with `go run pkg@version`: pinned here, never
# required by go.mod. The first run downloads and builds goreleaser, about
# 7 minutes on a 2-core machine (BENCHMARKS.md, "Release builds"), so
# neither target is in ci.
GORELEASER ?= $(GO) run github.com/goreleaser/goreleaser/v2@v2.15.1
# goreleaser reads the repository's name from a git remote, and without
# one builds a "snapshot" of commit "none" dated now. A clone without a
# remote (a local clone, a worktree) is given the module's, in goreleaser's
# environment only: the repository's config is left as it is.
release_remote = $(if $(shell git ls-remote --get-url 2>/dev/null),,GIT_CONFIG_COUNT=1 \
	GIT_CONFIG_KEY_0=remote.origin.url GIT_CONFIG_VALUE_0=https://github.com/xisecrets/xisecrets.git)
.PHONY: release-snapshot release-check changelog

## release-snapshot: build the six release archives, checksums.txt and SBOMs into dist/ from HEAD, publishing nothing
release-snapshot:
	$(release_remote) $(GORELEASER) release --snapshot --clean

## release-check: check .goreleaser.yaml, then dist/: checksums, archives, SBOMs, the linux/amd64 binary's version and --help
release-check:
	$(GORELEASER) check
	internal/release/check.sh

## changelog: draft a CHANGELOG entry for a person to edit: API changes by spec-diff, breaking first, and the commits since BASE: make changelog BASE=v0.1.0
changelog:
	@if [ "$(BASE)" = HEAD ]; then echo "changelog: name the last release: make changelog BASE=<tag>" >&2; exit 2; fi
	@printf '## Unreleased\n\n<!-- Drafted by make changelog BASE=%s: sort into Added / Changed / Fixed / Removed in words a user reads, and drop what no user notices. -->\n\n' "$(BASE)"
	@$(specdiff) -changelog
	@printf '#### Commits since %s\n\n' "$(BASE)" && git log --reverse --format='- %s' "$(BASE)..HEAD"

## ci: what .ci/run runs on a clean clone; the completion and keyring tests fail there, not skip, without their shells and daemons
ci: export XISECRETS_REQUIRE_SHELLS := 1
ci: export XISECRETS_REQUIRE_KEYRING := 1
ci: verify lint test-all fuzz
	for mod in $(MODULES); do $(GO) -C $$mod test -run='^$$' -bench=. -benchtime=1x ./... || exit 1; done

# The Terraform provider's docs and release (terraform-provider-xisecrets/README.md).
# tfplugindocs and goreleaser run with `go run pkg@version`, pinned here.
TFPLUGINDOCS ?= $(GO) run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@v0.25.0
.PHONY: provider-docs provider-release-snapshot provider-release-check

## provider-docs: regenerate terraform-provider-xisecrets/docs/ from its schema, templates/ and examples/ (tfplugindocs; runs the local terraform)
provider-docs:
	cd terraform-provider-xisecrets && CHECKPOINT_DISABLE=1 $(TFPLUGINDOCS) generate --provider-name xisecrets

## provider-release-snapshot: build the provider's registry artifacts (six zips, SHA256SUMS, manifest) into terraform-provider-xisecrets/dist/, unsigned, publishing nothing
provider-release-snapshot:
	cd terraform-provider-xisecrets && $(release_remote) $(GORELEASER) release --snapshot --clean --skip=sign

## provider-release-check: check terraform-provider-xisecrets/.goreleaser.yaml, then its dist/ as a registry reads it
provider-release-check:
	cd terraform-provider-xisecrets && $(GORELEASER) check && ./release-check.sh
