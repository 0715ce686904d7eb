package sizecheck

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// budget is how much larger than the floor program a program using client
// may be, in bytes: 0.6 MB, raised by 10,000 B for the runtime v1.9.1 (the
// one whose go.mod does not pull 74 modules into a consumer's graph) and the
// transport's per-operation routes, then by 20,000 B for the environment-variable
// models gen links and the transport's shared Retry-After pause (BENCHMARKS.md, Size).
const budget = 630_000

// buildModes are the flags both programs are built with: the default, and
// what a size-conscious release build uses.
var buildModes = []struct {
	name  string
	flags []string
}{
	{"default", nil},
	{"-trimpath -ldflags=-s -w", []string{"-trimpath", "-ldflags=-s -w"}},
}

// The four builds reuse the caller's build cache: only the links are
// repeated, so the check stays in make test (-short) too.
func TestConsumerSizeOverFloor(t *testing.T) {
	t.Logf("%s, CGO_ENABLED=0", goVersion(t))
	for _, mode := range buildModes {
		consumer := buildSize(t, "consumer", mode.flags)
		floor := buildSize(t, "floor", mode.flags)
		over := consumer - floor
		t.Logf("%-26s consumer %10d B  floor %10d B  over %8d B (%.2f MB)", mode.name+":", consumer, floor, over, float64(over)/1e6)
		if over > budget {
			t.Errorf("built %s, the consumer of client is %d B and the floor %d B: %d B (%.2f MB) over, more than the %.2f MB budget",
				mode.name, consumer, floor, over, float64(over)/1e6, float64(budget)/1e6)
		}
	}
}

// buildSize builds testdata/<prog> with flags and returns its size in bytes.
// GOFLAGS is cleared so that the caller's (say -race) cannot skew the
// figures, and cgo is off so that they do not depend on a C toolchain.
func buildSize(t *testing.T, prog string, flags []string) int64 {
	t.Helper()
	out := filepath.Join(t.TempDir(), prog)
	args := append([]string{"build", "-o", out}, flags...)
	cmd := exec.Command("go", append(args, "./testdata/"+prog)...)
	cmd.Env = append(os.Environ(), "GOFLAGS=", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(cmd.Args[1:], " "), err, msg)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// goVersion names the toolchain and target, which the sizes depend on.
func goVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOVERSION", "GOOS", "GOARCH").Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("go env: %v\n%s", err, exit.Stderr)
		}
		t.Fatalf("go env: %v", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 3 {
		t.Fatalf("go env GOVERSION GOOS GOARCH printed %q", out)
	}
	return fmt.Sprintf("%s %s/%s", f[0], f[1], f[2])
}

// The floor stays net/http and encoding/json: besides the standard
// library it links only internal/apijson, the types client decodes into,
// which import nothing.
func TestFloorLinksOnlyTheStandardLibrary(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./testdata/floor")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	want := []string{"github.com/xisecrets/xisecrets/internal/apijson", "github.com/xisecrets/xisecrets/internal/sizecheck/testdata/floor"}
	if got := strings.Fields(string(out)); !slices.Equal(got, want) {
		t.Errorf("the floor program links %q beyond the standard library; want only %q", got, want)
	}
}
