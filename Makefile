# Everything a developer or CI runs. Only Go is needed: the generator and
# staticcheck are pinned as tools in go.mod.
GO ?= go
FUZZTIME ?= 5s

.PHONY: generate verify test bench bench-instr lint fuzz demo ci

## generate: merge api/*.yaml into gen/openapi.yaml and regenerate gen/*.go
generate:
	$(GO) generate ./...

## verify: regenerate in a scratch copy and fail if gen/ differs (the drift check)
verify:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	tar --exclude=./.git -cf - . | tar -xf - -C "$$tmp" && \
	(cd "$$tmp" && $(GO) generate ./...) && \
	if ! diff -r gen "$$tmp/gen"; then \
		echo "verify: gen/ is out of date with api/ - run 'make generate' and commit" >&2; exit 1; \
	fi && echo "verify: gen/ matches api/"

## test: the full test suite, race detector on
test:
	$(GO) test -race -count=1 ./...

## bench: every benchmark, 6 runs each for benchstat
bench:
	$(GO) test -run='^$$' -bench=. -benchmem -count=6 ./... | tee bench.txt

## bench-instr: instructions per client call (callgrind; needs valgrind), stable on a loaded machine
bench-instr:
	internal/benchinstr/instructions.sh

## lint: gofmt, go vet and staticcheck
lint:
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l .); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted" >&2; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

## fuzz: a short run of each fuzz target
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$target"; \
			$(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

## demo: build the CLI, start the fake on a free loopback port, run a secret's life cycle
demo:
	GO=$(GO) $(GO) run ./internal/cmd/demo

## ci: what .ci/run runs on a clean clone
ci: verify lint test fuzz
	$(GO) test -run='^$$' -bench=. -benchtime=1x ./...
