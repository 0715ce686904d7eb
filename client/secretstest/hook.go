package secretstest

import (
	"testing"

	"github.com/xisecrets/xisecrets/internal/fakespec"
)

// The generator's tests (internal/maintainer/specmerge, another module)
// start the fake on every spec they generate, through fakespec.Serve: what
// `go generate` accepts, the fake must serve. It is no Option because no
// user of this package needs another spec than the embedded one.
func init() {
	fakespec.Serve = func(t testing.TB, spec []byte) (fakespec.Server, error) {
		return startForTest(t, []Option{func(c *config) { c.spec = spec }})
	}
}
