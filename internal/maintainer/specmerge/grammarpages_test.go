package specmerge

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/internal/maintainer/genroutes"
)

// The budget of TestGrammarPages: how many pages, from which seed, starting
// at which page number (to replay one page a failure names). `make ci` runs
// the defaults; `make fuzz-spec N=... SEED=...` sets them.
const (
	envPages = "XISECRETS_SPECFUZZ_PAGES"
	envSeed  = "XISECRETS_SPECFUZZ_SEED"
	envFirst = "XISECRETS_SPECFUZZ_FIRST"
	envBatch = "XISECRETS_SPECFUZZ_BATCH"
)

const (
	ciPages    = 250 // what fits make ci on 2 cores (BENCHMARKS.md, "Spec fuzzer throughput")
	shortPages = 12  // -short: merge, validate, generate and serve in process only
	batchPages = 50  // pages per build: a build costs seconds however many pages it has
)

// Pages drawn from the grammar of grammar_test.go go through the whole
// pipeline as `go generate` runs it: merge and repairs, kin-openapi,
// oapi-codegen, the client's guards (internal/maintainer/genroutes), the fake
// started on the embedded spec and probed (internal/fakespec), and go build + go vet of the result in a
// scratch module (many pages per build, sharing the build cache as
// TestVendorCorpus does). Any failure is shrunk, by dropping parts of the
// failing page one at a time while it fails the same way, and reported
// with the smallest page found and how to replay it.
func TestGrammarPages(t *testing.T) {
	pages, seed, first, batch := envInt(t, envPages, ciPages), envInt(t, envSeed, 1), envInt(t, envFirst, 0), envInt(t, envBatch, batchPages)
	p := &pagePipeline{t: t, cfg: repoGeneratorConfig(t), specCfg: repoSpecGeneratorConfig(t)}
	if testing.Short() {
		if os.Getenv(envPages) == "" {
			pages = shortPages
		}
	} else {
		p.mod = scratchModule(t, t.TempDir())
	}
	start := time.Now()
	for from := first; from < first+pages; from += batch {
		var drawn []grammarPage
		for n := from; n < min(from+batch, first+pages); n++ {
			drawn = append(drawn, newGrammarPage(uint64(seed), n))
		}
		f := p.check(drawn)
		if f == nil {
			continue
		}
		culprit, f := p.isolate(drawn, f)
		if culprit == nil {
			t.Fatalf("pages %d to %d (seed %d) fail together, none alone: %s", drawn[0].n, drawn[len(drawn)-1].n, seed, f.msg)
		}
		small := p.shrink(*culprit, f.signature())
		t.Fatalf("page %d of seed %d fails at %s:\n%s\n\nsmallest page found that fails so (replay: %s=%d %s=%d %s=1 go -C internal/maintainer test -run '^TestGrammarPages$' ./specmerge):\n%s",
			culprit.n, seed, f.stage, firstLines([]byte(f.msg), 30), envSeed, seed, envFirst, culprit.n, envPages, small.source().Data)
	}
	elapsed := time.Since(start)
	t.Logf("%d pages of seed %d in %v (%.1f pages/s, builds included: %v)",
		pages, seed, elapsed.Round(time.Millisecond), float64(pages)/elapsed.Seconds(), p.mod.dir != "")
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || name == envBatch && n == 0 {
		t.Fatalf("%s=%q: want a count", name, v)
	}
	return n
}

// pagePipeline runs pages through the pipeline. Without a scratch module
// (under -short) it stops after what runs in process: generation and the
// guards.
type pagePipeline struct {
	t       testing.TB // the fakes are started for it
	cfg     generatorConfig
	specCfg generatorConfig // the embedded spec's, which the fake is started on
	mod     scratch         // the scratch module the generated Go is built in
}

// pageFailure is where and how pages failed.
type pageFailure struct {
	stage string // merge, validate, generate, routes, serve, build or vet
	msg   string
}

// signature is what shrinking keeps: the stage and the first error with
// its names, places and numbers blanked, so that a smaller page failing
// for the same reason counts and one failing for another does not.
func (f *pageFailure) signature() string {
	return f.stage + ": " + normalizeFailure(f.msg)
}

var (
	compilerLine    = regexp.MustCompile(`(?m)^\S+\.go:\d+:\d+: .*$`)
	failureBlanking = []struct {
		re   *regexp.Regexp
		with string
	}{
		{regexp.MustCompile(`^\S+\.go:\d+:\d+: `), ""},
		{regexp.MustCompile(`"[^"]*"`), `"Q"`},
		{regexp.MustCompile(`#/[^\s:;,)]*`), "#P"},
		{regexp.MustCompile(`\S*grammar-\d+\.yaml`), "FILE"},
		{regexp.MustCompile(`\b\w*[A-Z0-9]\w*\b`), "N"},
	}
)

func normalizeFailure(msg string) string {
	line := compilerLine.FindString(msg)
	if line == "" {
		line = firstLines([]byte(msg), 1)
	}
	for _, b := range failureBlanking {
		line = b.re.ReplaceAllString(line, b.with)
	}
	return line
}

func sourcesOf(pages []grammarPage) []source {
	srcs := make([]source, len(pages))
	for i, pg := range pages {
		srcs[i] = pg.source()
	}
	return srcs
}

// check runs pages through the whole pipeline and returns the first
// failure, or nil.
func (p *pagePipeline) check(pages []grammarPage) *pageFailure {
	res, err := merge(sourcesOf(pages))
	if err != nil {
		return &pageFailure{"merge", err.Error()}
	}
	if err := validate(res.yaml); err != nil {
		return &pageFailure{"validate", res.locate(err).Error()}
	}
	code, err := generateGo(res.yaml, specName, p.cfg)
	if err != nil {
		return &pageFailure{"generate", res.locateGenerated(err).Error()}
	}
	guards, f := guards(res.yaml, code)
	if f != nil {
		return f
	}
	if f := p.serve(res.yaml); f != nil || p.mod.dir == "" {
		return f
	}
	guards["gen.go"] = []byte(code)
	for name, data := range guards {
		if err := os.WriteFile(filepath.Join(p.mod.dir, "gen", name), data, 0o644); err != nil {
			return &pageFailure{"build", err.Error()}
		}
	}
	for _, stage := range []string{"build", "vet"} {
		if out, err := command(p.mod.dir, "go", stage, "-trimpath", "./gen"); err != nil {
			return &pageFailure{stage, fmt.Sprintf("%v\n%s", err, out)}
		}
	}
	return nil
}

// serve starts the fake on the embedded spec generated from spec and
// probes it: what generates, the fake must serve.
func (p *pagePipeline) serve(spec []byte) *pageFailure {
	srv, err := serveGenerated(p.t, spec, p.specCfg)
	if err == nil {
		err = probeFake(srv)
		srv.Close() // shrinking starts many
	}
	if err != nil {
		return &pageFailure{"serve", err.Error()}
	}
	return nil
}

// guards are the client's guards of the merged spec and the generated
// client, as go generate writes them: the routes and the path parameter
// check, by file name.
func guards(spec []byte, client string) (map[string][]byte, *pageFailure) {
	routes, err := genroutes.Routes(spec, specName, "gen")
	if err != nil {
		return nil, &pageFailure{"routes", err.Error()}
	}
	params, err := genroutes.PathParams([]byte(client), "gen/gen.go", "gen")
	if err != nil {
		return nil, &pageFailure{"routes", err.Error()}
	}
	return map[string][]byte{"routes.gen.go": routes, "pathparams.gen.go": params}, nil
}

// isolate finds one page of a failing batch that fails alone the same way,
// halving the batch; nil when only pages together fail.
func (p *pagePipeline) isolate(pages []grammarPage, f *pageFailure) (*grammarPage, *pageFailure) {
	for len(pages) > 1 {
		half := len(pages) / 2
		if g := p.check(pages[:half]); g != nil && g.stage == f.stage {
			pages, f = pages[:half], g
		} else if g := p.check(pages[half:]); g != nil && g.stage == f.stage {
			pages, f = pages[half:], g
		} else {
			return nil, f
		}
	}
	return &pages[0], f
}
