package benchinstr

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// initBudget is how many more bytes the package initialisers of xisecrets
// may allocate than the floor's, on every start of every command. Nearly
// all of it is santhosh-tekuri/jsonschema/v6 (1.70 MB, its draft
// meta-schemas compiled at init), which kin-openapi imports and the fake
// needs; see BENCHMARKS.md, "Start-up".
const initBudget = 1_850_000

// ownInitBudget is the most one of this module's packages may allocate at
// init: state worth more is built on first use (the embedded spec, 80 KB,
// is decoded by genspec.GetSpec, not at init).
const ownInitBudget = 8 << 10

// The allocation counts GODEBUG=inittrace=1 prints move by a few hundred
// bytes from run to run (map iteration order), not with load, so a budget
// holds them in make test, where valgrind's instruction counts
// (startup.sh) would be too slow and need valgrind.
func TestStartupInitBudget(t *testing.T) {
	xi := initTrace(t, build(t, "../../cmd/xisecrets"))
	floor := initTrace(t, build(t, "./testdata/startfloor"))
	over := xi.total() - floor.total()
	t.Logf("init allocates %d B in %d packages (xisecrets version), %d B in %d (floor): %d B over, budget %d B",
		xi.total(), len(xi), floor.total(), len(floor), over, initBudget)
	if over > initBudget {
		t.Errorf("the initialisers of xisecrets allocate %d B more than the floor's, more than the budget of %d B; the heaviest:\n%s",
			over, initBudget, xi.heaviest(6))
	}
	for _, p := range xi {
		if strings.HasPrefix(p.path, "github.com/xisecrets/xisecrets/") && p.bytes > ownInitBudget {
			t.Errorf("package %s allocates %d B at init, more than the %d B any of this module's packages may: build that state on first use (sync.OnceValue), since every command pays for every init",
				p.path, p.bytes, ownInitBudget)
		}
	}
}

// build builds the command in dir (relative to this package) without cgo
// and without the caller's GOFLAGS (say -race), which would change what
// init allocates, and returns the program's path.
func build(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(dir))
	cmd := exec.Command("go", "build", "-o", out, dir)
	cmd.Env = append(os.Environ(), "GOFLAGS=", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", dir, err, msg)
	}
	return out
}

// pkgInit is one package's line of GODEBUG=inittrace=1.
type pkgInit struct {
	path  string
	bytes int
}

type trace []pkgInit

func (tr trace) total() int {
	n := 0
	for _, p := range tr {
		n += p.bytes
	}
	return n
}

// heaviest lists the n packages whose init allocates most, one a line.
func (tr trace) heaviest(n int) string {
	sorted := slices.SortedFunc(slices.Values(tr), func(a, b pkgInit) int { return b.bytes - a.bytes })
	var s strings.Builder
	for _, p := range sorted[:min(n, len(sorted))] {
		fmt.Fprintf(&s, "\t%9d B  %s\n", p.bytes, p.path)
	}
	return s.String()
}

// initTrace runs `prog version` with GODEBUG=inittrace=1 and parses what
// the runtime prints for each package, "init PATH @T ms, C ms clock, B
// bytes, A allocs".
func initTrace(t *testing.T, prog string) trace {
	t.Helper()
	cmd := exec.Command(prog, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s version: %v\n%s", filepath.Base(prog), err, stderr.String())
	}
	var tr trace
	for line := range strings.Lines(stderr.String()) {
		f := strings.Fields(line)
		if len(f) < 11 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		n, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("%s: inittrace line %q: %v", filepath.Base(prog), line, err)
		}
		tr = append(tr, pkgInit{path: f[1], bytes: n})
	}
	if len(tr) == 0 {
		t.Fatalf("%s version printed no inittrace lines on stderr:\n%s", filepath.Base(prog), stderr.String())
	}
	return tr
}
